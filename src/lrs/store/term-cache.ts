/** Term text → id, remembered so that the insert path rarely asks the database. Bounded. */
export class TermCache {
  private readonly ids = new Map<string, number>();

  constructor(private readonly capacity = 500_000) {}

  get(term: string): number | undefined {
    return this.ids.get(term);
  }

  clear(): void {
    this.ids.clear();
  }

  set(term: string, id: number): void {
    if (this.ids.size >= this.capacity) this.ids.clear();
    this.ids.set(term, id);
  }
}
