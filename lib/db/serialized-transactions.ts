// Prisma's query interpreter loads a query's relations side by side (Promise.all over a `join`
// node's children). Inside an interactive transaction they all go to the transaction's one pg
// connection, which pg 8.19+ warns about and pg 9 will refuse (prisma/orm#29468, still open in
// 7.10). Until Prisma sends them in turn itself, this adapter does: each transaction's statements
// run one after another. pg queued them on the connection anyway, so nothing gets slower.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { createInTurn } from "./in-turn";

/** The methods of a transaction that talk to its connection. */
const STATEMENTS = new Set<PropertyKey>(["queryRaw", "executeRaw", "commit", "rollback", "createSavepoint", "rollbackToSavepoint", "releaseSavepoint"]);

function inTurnTransaction(transaction: Transaction): Transaction {
  const inTurn = createInTurn();
  return new Proxy(transaction, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      return STATEMENTS.has(property) ? (...args: unknown[]) => inTurn(async () => method(...args)) : method;
    },
  });
}

function withInTurnTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      if (property === "startTransaction") {
        return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>) => inTurnTransaction(await target.startTransaction(...args));
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** `factory` with every interactive transaction's statements sent one at a time. */
export function serializeTransactions(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => withInTurnTransactions(await factory.connect()),
  };
}
