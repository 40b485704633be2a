// A fast path for a zod schema, compiled from the schema's own definition: the same shapes, limits,
// enums, refinements, transforms and defaults, without zod's per-node issue bookkeeping. It only
// ever says "valid, and here is zod's output" or "not sure": every other verdict and every error
// message comes from zod itself, so there is still one definition of the contract and one wording
// of each reason. A construct the compiler does not know makes it decline the whole schema.
import type { z } from 'zod';

/** The fast path's "not sure": the caller asks zod. */
export const UNSURE: unique symbol = Symbol('unsure');
export type Compiled = (value: unknown) => unknown;

/** The parts of zod's definitions the compiler reads (zod 4's `_zod.def`). */
interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, z.core.$ZodType>;
  catchall?: unknown;
  options?: z.core.$ZodType[];
  discriminator?: string;
  entries?: Record<string, string | number>;
  values?: unknown[];
  innerType?: z.core.$ZodType;
  defaultValue?: unknown;
  in?: z.core.$ZodType;
  out?: z.core.$ZodType;
  transform?: (value: unknown, ctx: unknown) => unknown;
  element?: z.core.$ZodType;
}

interface CheckDef {
  check: string;
  maximum?: number;
  minimum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
  fn?: (value: unknown) => unknown;
}

export class UnsupportedSchema extends Error {}

const defOf = (schema: z.core.$ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A value check from a zod check definition: true when zod's check would pass. */
function compileCheck(c: CheckDef): (v: never) => boolean {
  // A check's `when` only lets zod skip it; running it always can only make the fast path unsure.
  switch (c.check) {
    case 'max_length': { const max = c.maximum!; return (v: { length: number }) => v.length <= max; }
    case 'min_length': { const min = c.minimum!; return (v: { length: number }) => v.length >= min; }
    case 'greater_than': { const x = c.value!; return c.inclusive ? (v: number) => v >= x : (v: number) => v > x; }
    case 'less_than': { const x = c.value!; return c.inclusive ? (v: number) => v <= x : (v: number) => v < x; }
    case 'string_format': {
      // Only patterns (`.regex()`); other formats (email, url…) are zod's to decide.
      if (c.format !== 'regex' || !(c.pattern instanceof RegExp)) throw new UnsupportedSchema(`string format ${c.format}`);
      const re = new RegExp(c.pattern.source, c.pattern.flags.replace(/[gy]/g, ''));
      return (v: string) => re.test(v);
    }
    case 'number_format':
      if (c.format !== 'safeint') throw new UnsupportedSchema(`number format ${c.format}`);
      return (v: number) => Number.isSafeInteger(v);
    case 'custom': {
      const fn = c.fn!;
      // A refinement's own function; an async one is zod's to run.
      return (v: never) => { const r = fn(v); return r === true || (!!r && !(r instanceof Promise)); };
    }
    default:
      throw new UnsupportedSchema(`check ${c.check}`);
  }
}

function withChecks(def: Def, isType: (v: unknown) => boolean): Compiled {
  const checks = (def.checks ?? []).map((c) => compileCheck(c._zod.def)) as ((v: unknown) => boolean)[];
  if (checks.length === 0) return (v) => (isType(v) ? v : UNSURE);
  return (v) => {
    if (!isType(v)) return UNSURE;
    for (let i = 0; i < checks.length; i++) if (!checks[i]!(v)) return UNSURE;
    return v;
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function compileObject(def: Def): Compiled {
  if (def.catchall !== undefined) throw new UnsupportedSchema('an object that keeps or refuses unknown keys');
  const keys = Object.keys(def.shape!);
  const fields = keys.map((k) => compile(def.shape![k]!));
  return (v) => {
    if (!isPlainObject(v)) return UNSURE;
    // zod strips unknown keys: the output holds the shape's keys only, in the shape's order.
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const x = v[k];
      // An explicit undefined is not the same as an absent key to zod; rare enough to leave to it.
      if (x === undefined && Object.hasOwn(v, k)) return UNSURE;
      const r = fields[i]!(x);
      if (r === UNSURE) return UNSURE;
      if (r !== undefined) out[k] = r;
    }
    return out;
  };
}

function compileDiscriminated(def: Def): Compiled {
  const key = def.discriminator!;
  const byValue = new Map<unknown, Compiled>();
  for (const option of def.options!) {
    const values = (option as unknown as { _zod: { propValues?: Record<string, Set<unknown>> } })._zod.propValues?.[key];
    if (!values) throw new UnsupportedSchema(`an option without a literal ${key}`);
    const fn = compile(option);
    for (const value of values) byValue.set(value, fn);
  }
  return (v) => {
    if (!isPlainObject(v)) return UNSURE;
    const fn = byValue.get(v[key]);
    return fn ? fn(v) : UNSURE;
  };
}

function compileTransform(def: Def): Compiled {
  const transform = def.transform!;
  return (v) => {
    let failed = false;
    // The context a zod transform gets: an issue it adds means zod fails the value.
    const ctx = { value: v, issues: [] as unknown[], addIssue: () => { failed = true; } };
    const out = transform(v, ctx);
    return failed || out instanceof Promise ? UNSURE : out;
  };
}

/** Compiles a zod schema, or throws UnsupportedSchema naming the construct it does not know. */
export function compile(schema: z.core.$ZodType): Compiled {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': return withChecks(def, (v) => typeof v === 'string');
    // zod numbers are finite: NaN and ±Infinity are refused.
    case 'number': return withChecks(def, (v) => typeof v === 'number' && Number.isFinite(v));
    case 'boolean': return withChecks(def, (v) => typeof v === 'boolean');
    case 'enum': {
      const allowed = new Set<unknown>(Object.values(def.entries!));
      return (v) => (allowed.has(v) ? v : UNSURE);
    }
    case 'literal': {
      const allowed = new Set(def.values!);
      return (v) => (allowed.has(v) ? v : UNSURE);
    }
    case 'object': return compileObject(def);
    case 'array': {
      const element = compile(def.element!);
      const checks = (def.checks ?? []).map((c) => compileCheck(c._zod.def)) as ((v: unknown) => boolean)[];
      return (v) => {
        if (!Array.isArray(v)) return UNSURE;
        for (const check of checks) if (!check(v)) return UNSURE;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) {
          const r = element(v[i]);
          if (r === UNSURE) return UNSURE;
          out[i] = r;
        }
        return out;
      };
    }
    case 'optional': {
      const inner = compile(def.innerType!);
      return (v) => (v === undefined ? undefined : inner(v));
    }
    case 'default': {
      const inner = compile(def.innerType!);
      // zod's defaultValue is a getter that hands out a fresh copy each time.
      return (v) => (v === undefined ? def.defaultValue : inner(v));
    }
    case 'union': {
      if (def.discriminator !== undefined) return compileDiscriminated(def);
      const options = def.options!.map(compile);
      // zod takes the first option that accepts the value.
      return (v) => {
        for (const option of options) {
          const r = option(v);
          if (r !== UNSURE) return r;
        }
        return UNSURE;
      };
    }
    case 'pipe': {
      const a = compile(def.in!);
      const b = compile(def.out!);
      return (v) => {
        const r = a(v);
        return r === UNSURE ? UNSURE : b(r);
      };
    }
    case 'transform': return compileTransform(def);
    default:
      throw new UnsupportedSchema(`zod type ${def.type}`);
  }
}
