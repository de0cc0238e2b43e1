/** The little of better-sqlite3 the durability suite uses (the package ships no types, @types is not installed). */
declare module 'better-sqlite3' {
  interface Statement {
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  }
  class Database {
    constructor(path: string, options?: { readonly?: boolean });
    pragma(source: string): unknown;
    prepare(sql: string): Statement;
    close(): void;
  }
  export = Database;
}
