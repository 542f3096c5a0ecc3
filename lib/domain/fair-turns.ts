// Whose turn it is on a run: commands on one run take turns (they are serialised by the run's row
// lock anyway), and waiting ones are served round-robin across the people (or keys, or Warroom's own
// actors) who sent them, not first-come-first-served. One member with eight commands waiting then
// delays a lead's change by at most the one command running and one of theirs, never by all eight.
// No I/O and no clock: the caller decides when a turn starts and ends.

export class FairTurns<TTurn> {
  private readonly waiting = new Map<string, TTurn[]>();
  /** Senders with turns waiting, in the order they will be served. */
  private readonly order: string[] = [];
  private size = 0;

  get waitingCount(): number {
    return this.size;
  }

  add(sender: string, turn: TTurn): void {
    const queue = this.waiting.get(sender);
    if (queue) queue.push(turn);
    else {
      this.waiting.set(sender, [turn]);
      this.order.push(sender);
    }
    this.size++;
  }

  /** The next turn: the first waiting sender's oldest, that sender then going to the back of the line. */
  next(): TTurn | undefined {
    const sender = this.order.shift();
    if (sender === undefined) return undefined;
    const queue = this.waiting.get(sender)!;
    const turn = queue.shift()!;
    if (queue.length > 0) this.order.push(sender);
    else this.waiting.delete(sender);
    this.size--;
    return turn;
  }

  /** Takes a turn out of the line (one that gave up waiting); true if it was there. */
  remove(sender: string, turn: TTurn): boolean {
    const queue = this.waiting.get(sender);
    const index = queue?.indexOf(turn) ?? -1;
    if (!queue || index < 0) return false;
    queue.splice(index, 1);
    this.size--;
    if (queue.length === 0) {
      this.waiting.delete(sender);
      this.order.splice(this.order.indexOf(sender), 1);
    }
    return true;
  }
}
