// One pg connection answers one query at a time: pg 8.19+ warns when a second query is sent before
// the first is answered, and pg 9 will refuse it. Work given to the same `inTurn` runs one after
// another, whether or not the one before it failed.

export type TInTurn = <T>(work: () => Promise<T>) => Promise<T>;

export function createInTurn(): TInTurn {
  let last: Promise<unknown> = Promise.resolve();
  return (work) => {
    const result = last.then(work);
    last = result.catch(() => undefined);
    return result;
  };
}
