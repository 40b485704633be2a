// Fission (裂变): how a group grows through invitations, generation by generation. Members who came
// on their own (or were there before any record) are generation 0, the roots of invitation trees;
// someone invited by a generation-g member is generation g + 1, and the depth of an invitation is
// the invitee's generation. Research on 474,726 WeChat groups found long-lived groups have about
// 10% of their invitations at depth ≥ 3 against about 1% for short-lived ones: invitations that
// travel beyond the founders' own circles are a sign of a group people want to bring friends to.

/** One member's arrival in a group: by invitation (inviterId) or not (null). */
export interface Arrival {
  memberId: string;
  joinedAt: number;
  inviterId: string | null;
}

/** A member's place in the group's invitation trees; fixed by the member's first arrival. */
export interface Placement {
  memberId: string;
  joinedAt: number;
  inviterId: string | null;
  generation: number;
  rootId: string;
  /** False for a root known only as an inviter (no join of theirs is recorded). */
  joined: boolean;
}

/**
 * Places the arrivals (any order) in invitation trees. `known` holds placements computed before
 * (members who arrived before the arrivals read now); a member keeps their earliest placement. An
 * inviter with no placement is a root: a founding member, or one who joined before the records.
 */
export function placeArrivals(arrivals: readonly Arrival[], known: ReadonlyMap<string, Placement> = new Map()): Map<string, Placement> {
  const out = new Map(known);
  const sorted = [...arrivals].sort((a, b) => a.joinedAt - b.joinedAt || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  for (const a of sorted) {
    const before = out.get(a.memberId);
    if (before && (before.joinedAt <= a.joinedAt || !before.joined)) {
      // A root seen first as an inviter keeps that place, and only learns when they joined.
      if (!before.joined && before.generation === 0) out.set(a.memberId, { ...before, joined: true, joinedAt: Math.min(before.joinedAt, a.joinedAt) });
      continue;
    }
    const inviter = a.inviterId !== null && a.inviterId !== a.memberId ? a.inviterId : null;
    if (inviter === null) {
      out.set(a.memberId, { memberId: a.memberId, joinedAt: a.joinedAt, inviterId: null, generation: 0, rootId: a.memberId, joined: true });
      continue;
    }
    let parent = out.get(inviter);
    if (!parent) {
      parent = { memberId: inviter, joinedAt: a.joinedAt, inviterId: null, generation: 0, rootId: inviter, joined: false };
      out.set(inviter, parent);
    }
    out.set(a.memberId, { memberId: a.memberId, joinedAt: a.joinedAt, inviterId: inviter, generation: parent.generation + 1, rootId: parent.rootId, joined: true });
  }
  return out;
}

/** The depth from which an invitation counts as deep. */
export const DEEP_INVITATION_DEPTH = 3;

export interface GenerationStats {
  generation: number;
  members: number;
  /** Members of the next generation per member of this one; null for the last generation. */
  viralCoefficient: number | null;
}

export interface FissionSummary {
  generations: GenerationStats[];
  /** Members who arrived by invitation. */
  invitations: number;
  /** Invitations at depth ≥ 3. */
  deepInvitations: number;
  deepShare: number | null;
  maxDepth: number;
  /** Roots whose tree has at least one invitation. */
  trees: number;
  /** Members in the largest tree, its root included. */
  largestTree: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function summarizeFission(placements: Iterable<Placement>): FissionSummary {
  const perGeneration: number[] = [];
  const treeSize = new Map<string, number>();
  for (const p of placements) {
    perGeneration[p.generation] = (perGeneration[p.generation] ?? 0) + 1;
    treeSize.set(p.rootId, (treeSize.get(p.rootId) ?? 0) + 1);
  }
  const counts = Array.from(perGeneration, (n) => n ?? 0);
  const invitations = counts.slice(1).reduce((a, b) => a + b, 0);
  const deepInvitations = counts.slice(DEEP_INVITATION_DEPTH).reduce((a, b) => a + b, 0);
  const grown = [...treeSize.values()].filter((n) => n > 1);
  return {
    generations: counts.map((members, generation) => ({
      generation, members,
      viralCoefficient: generation + 1 < counts.length && members > 0 ? round3(counts[generation + 1]! / members) : null,
    })),
    invitations, deepInvitations,
    deepShare: invitations > 0 ? round3(deepInvitations / invitations) : null,
    maxDepth: Math.max(0, counts.length - 1),
    trees: grown.length,
    largestTree: grown.length ? Math.max(...grown) : 0,
  };
}
