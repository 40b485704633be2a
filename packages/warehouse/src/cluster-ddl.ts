// How a migration's statements become a sharded, replicated schema on a ClickHouse cluster.
//
// Every table a migration creates becomes two: `NAME_local`, a Replicated*MergeTree on every
// server (one copy per replica of its shard), and `NAME`, a Distributed table over the locals that
// the application reads and inserts through, so no query changes between one server and a
// cluster. Rows are placed by a hash of their tenant and group (cityHash64(tenant_id, group_id)),
// or of the tenant alone for tables without a group, so one group's rows live on one shard. The
// placement is always a function of the table's sort key: rows that replace or aggregate each
// other (ReplacingMergeTree, AggregatingMergeTree, FINAL) meet on the same shard, and FINAL
// pushed down to each shard gives the whole answer.
//
// Materialized views fire on inserts into a table's local part, on the server that stores the
// rows, and write into the target's local part there. That is right only when the target places
// rows the way the source does (or when nothing in the target merges), and when the view reads
// one sharded table (a join would see that shard's share alone); rendering fails otherwise.
//
// Every DDL statement runs ON CLUSTER; INSERTs and views are left as written (they name the
// Distributed tables). The renderer reads statements in migration order, remembering the tables
// created so far, and refuses any DDL it has no rule for, naming the statement.

export interface ClusterTarget {
  cluster: string;
  /** The database the Distributed tables point into. */
  database: string;
}

interface ShardedTable {
  /** The Distributed table's sharding expression. */
  shardKey: string;
  /** False for a plain MergeTree, whose rows never merge with each other. */
  merges: boolean;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Columns that place a row, in order of preference, when the sort key holds them. */
const PLACEMENT_COLUMNS = ['tenant_id', 'group_id'] as const;

export const LOCAL_SUFFIX = '_local';

/** The text inside the parenthesis at `open` and the one that closes it. */
function balanced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced parentheses after: ${text.slice(open, open + 80)}`);
}

/** Splits on commas outside parentheses. */
function topLevel(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) { out.push(list.slice(start, i).trim()); start = i + 1; }
  }
  out.push(list.slice(start).trim());
  return out.filter(Boolean);
}

/** The sort key's expressions, from `ORDER BY x` or `ORDER BY (x, y)`. */
export function sortKey(statement: string): string[] | undefined {
  const m = /\bORDER BY\s+/i.exec(statement);
  if (!m) return undefined;
  const at = m.index + m[0].length;
  if (statement[at] === '(') return topLevel(balanced(statement, at));
  const token = /^[^\s;]+/.exec(statement.slice(at));
  return token ? [token[0]] : undefined;
}

/** cityHash64 of the tenant and group when the sort key holds them; else of the sort key's first expression. */
export function shardingKey(key: readonly string[]): string {
  const placement = PLACEMENT_COLUMNS.filter((c) => key.includes(c));
  if (placement.length) return `cityHash64(${placement.join(', ')})`;
  if (!key.length || key[0] === 'tuple()') throw new Error('a table without a sort key has nothing to place its rows by');
  return `cityHash64(${key[0]})`;
}

const DDL_START = /^(CREATE|ALTER|DROP|RENAME|EXCHANGE|TRUNCATE|ATTACH|DETACH)\b/i;

export class ClusterRenderer {
  private readonly tables = new Map<string, ShardedTable>();
  private readonly onCluster: string;

  constructor(private readonly target: ClusterTarget) {
    if (!IDENT.test(target.database)) throw new Error(`database ${JSON.stringify(target.database)} is not a plain identifier`);
    if (!/^[A-Za-z0-9_.-]+$/.test(target.cluster)) throw new Error(`cluster ${JSON.stringify(target.cluster)} is not a plain cluster name`);
    this.onCluster = `ON CLUSTER ${target.cluster}`;
  }

  /** Whether `name` is a table this renderer split into a local and a Distributed part. */
  isSharded(name: string): boolean {
    return this.tables.has(name);
  }

  /** The cluster statements for one statement of a migration, written with ${ON_CLUSTER} and ${REPLICATED}. */
  render(statement: string): string[] {
    const s = statement.trim();
    let m: RegExpExecArray | null;
    if ((m = /^CREATE TABLE (IF NOT EXISTS )?(\w+) \$\{ON_CLUSTER\}/i.exec(s))) return this.createTable(s, m[2]!, Boolean(m[1]));
    if ((m = /^ALTER TABLE (\w+) \$\{ON_CLUSTER\} ([\s\S]+)$/i.exec(s))) return this.alterTable(m[1]!, m[2]!);
    if ((m = /^CREATE MATERIALIZED VIEW (IF NOT EXISTS )?(\w+) \$\{ON_CLUSTER\} TO (\w+)\s+AS\s+([\s\S]+)$/i.exec(s))) {
      return this.materializedView(m[2]!, Boolean(m[1]), m[3]!, m[4]!);
    }
    if (/^CREATE (OR REPLACE )?VIEW (IF NOT EXISTS )?\w+ \$\{ON_CLUSTER\}/i.test(s)) return [this.plain(s)];
    if ((m = /^EXCHANGE TABLES (\w+) AND (\w+) \$\{ON_CLUSTER\}$/i.exec(s))) return this.exchange(m[1]!, m[2]!);
    if ((m = /^DROP TABLE (IF EXISTS )?(\w+) \$\{ON_CLUSTER\}$/i.exec(s))) return this.drop(m[2]!);
    if (DDL_START.test(s)) {
      throw new Error(`no cluster rendering for this statement (every DDL statement needs \${ON_CLUSTER} and a known form): ${s.slice(0, 200)}`);
    }
    return [this.plain(s)];
  }

  private plain(s: string): string {
    return s.replaceAll('${ON_CLUSTER}', this.onCluster).replaceAll('${REPLICATED}', 'Replicated');
  }

  private createTable(s: string, name: string, ifNotExists: boolean): string[] {
    if (!/ENGINE = \$\{REPLICATED\}\w*MergeTree\b/.test(s)) {
      throw new Error(`table ${name}: on a cluster every table is a \${REPLICATED}…MergeTree (sharded and replicated); got ${s.slice(0, 160)}`);
    }
    const copied = /^CREATE TABLE (?:IF NOT EXISTS )?\w+ \$\{ON_CLUSTER\}\s+AS (\w+)\s/i.exec(s)?.[1];
    const key = sortKey(s);
    if (!key) throw new Error(`table ${name}: no ORDER BY, so nothing to place its rows by`);
    const shardKey = shardingKey(key);
    const merges = !/ENGINE = \$\{REPLICATED\}MergeTree\b/.test(s);
    const local = `${name}${LOCAL_SUFFIX}`;
    let localSql = s.replace(/^(CREATE TABLE (?:IF NOT EXISTS )?)\w+/i, `$1${local}`);
    if (copied) {
      if (!this.tables.has(copied)) throw new Error(`table ${name} copies ${copied}, which no earlier migration created`);
      localSql = localSql.replace(/(\$\{ON_CLUSTER\}\s+AS )\w+/, `$1${copied}${LOCAL_SUFFIX}`);
    }
    this.tables.set(name, { shardKey, merges });
    const ine = ifNotExists ? 'IF NOT EXISTS ' : '';
    return [
      this.plain(localSql),
      `CREATE TABLE ${ine}${name} ${this.onCluster} AS ${local} ENGINE = Distributed(${this.target.cluster}, ${this.target.database}, ${local}, ${shardKey})`,
    ];
  }

  private alterTable(name: string, rest: string): string[] {
    if (!this.tables.has(name)) throw new Error(`ALTER TABLE ${name}: no earlier migration created it as a table`);
    const local = `ALTER TABLE ${name}${LOCAL_SUFFIX} ${this.onCluster} ${rest}`;
    // Columns are the Distributed table's too; indexes, TTLs, projections and mutations are the data's.
    return /\bCOLUMN\b/i.test(rest) ? [local, `ALTER TABLE ${name} ${this.onCluster} ${rest}`] : [local];
  }

  private materializedView(name: string, ifNotExists: boolean, to: string, select: string): string[] {
    const target = this.tables.get(to);
    if (!target) throw new Error(`materialized view ${name} writes into ${to}, which no earlier migration created as a table`);
    const sources = new Set<string>();
    const body = select.replace(/\b(FROM|JOIN)(\s+)(\w+)\b/gi, (all, kw: string, sp: string, table: string) => {
      if (!this.tables.has(table)) return all;
      sources.add(table);
      return `${kw}${sp}${table}${LOCAL_SUFFIX}`;
    });
    if (sources.size !== 1) {
      throw new Error(`materialized view ${name} reads ${sources.size ? [...sources].join(' and ') : 'no sharded table'}: on a cluster it fires on one shard's inserts, so it must read exactly one sharded table`);
    }
    const source = this.tables.get([...sources][0]!)!;
    if (target.merges && target.shardKey !== source.shardKey) {
      throw new Error(`materialized view ${name}: ${to} places rows by ${target.shardKey} but its source by ${source.shardKey}; rows that merge would land on different shards`);
    }
    const ine = ifNotExists ? 'IF NOT EXISTS ' : '';
    return [`CREATE MATERIALIZED VIEW ${ine}${name} ${this.onCluster} TO ${to}${LOCAL_SUFFIX} AS ${body}`];
  }

  private exchange(a: string, b: string): string[] {
    const ta = this.tables.get(a);
    const tb = this.tables.get(b);
    if (!ta || !tb) throw new Error(`EXCHANGE TABLES ${a} AND ${b}: both must be tables created by earlier migrations`);
    if (ta.shardKey !== tb.shardKey) throw new Error(`EXCHANGE TABLES ${a} AND ${b}: they place rows differently (${ta.shardKey}, ${tb.shardKey})`);
    // The Distributed tables point at the locals by name, so exchanging the locals exchanges the data.
    this.tables.set(a, tb);
    this.tables.set(b, ta);
    return [`EXCHANGE TABLES ${a}${LOCAL_SUFFIX} AND ${b}${LOCAL_SUFFIX} ${this.onCluster}`];
  }

  private drop(name: string): string[] {
    if (!this.tables.delete(name)) return [`DROP TABLE IF EXISTS ${name} ${this.onCluster} SYNC`];
    return [
      `DROP TABLE IF EXISTS ${name} ${this.onCluster} SYNC`,
      `DROP TABLE IF EXISTS ${name}${LOCAL_SUFFIX} ${this.onCluster} SYNC`,
    ];
  }
}
