/** An entry id in the in-flight list; `remove` takes it back. */
export interface InFlightSlot {
  readonly id: string;
  prev: InFlightSlot | undefined;
  next: InFlightSlot | undefined;
}

/**
 * The ids of entries being handled, as a linked list: adding and removing cost no hashing. A
 * `Set` of ids cost the consumer about a microsecond per entry, because with fast handlers it
 * empties after every entry and V8 shrinks and regrows its table each time; the question "is
 * this id in flight?" is only asked of redelivered entries, rarely, and `ids()` answers it then.
 */
export class InFlightList {
  #first: InFlightSlot | undefined;
  #last: InFlightSlot | undefined;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  add(id: string): InFlightSlot {
    const slot: InFlightSlot = { id, prev: this.#last, next: undefined };
    if (this.#last) this.#last.next = slot;
    else this.#first = slot;
    this.#last = slot;
    this.#size++;
    return slot;
  }

  remove(slot: InFlightSlot): void {
    if (slot.prev) slot.prev.next = slot.next;
    else if (this.#first === slot) this.#first = slot.next;
    else return; // Removed already.
    if (slot.next) slot.next.prev = slot.prev;
    else this.#last = slot.prev;
    slot.prev = undefined;
    slot.next = undefined;
    this.#size--;
  }

  /** The ids in flight now, to check a batch of redelivered entries against. */
  ids(): Set<string> {
    const ids = new Set<string>();
    for (let slot = this.#first; slot; slot = slot.next) ids.add(slot.id);
    return ids;
  }
}
