import { describe, expect, it } from 'vitest';
import { InFlightList } from './in-flight.js';

describe('InFlightList', () => {
  it('keeps the ids added and not removed, wherever they are removed from', () => {
    const list = new InFlightList();
    const slots = ['1-0', '1-1', '1-2', '1-3'].map((id) => list.add(id));
    list.remove(slots[1]!);
    list.remove(slots[3]!);
    expect([...list.ids()]).toEqual(['1-0', '1-2']);
    list.remove(slots[0]!);
    expect([...list.ids()]).toEqual(['1-2']);
    list.add('1-4');
    expect([...list.ids()]).toEqual(['1-2', '1-4']);
    expect(list.size).toBe(2);
  });

  it('ignores a slot removed twice', () => {
    const list = new InFlightList();
    const a = list.add('1-0');
    const b = list.add('1-1');
    list.remove(a);
    list.remove(a);
    expect(list.size).toBe(1);
    expect([...list.ids()]).toEqual(['1-1']);
    list.remove(b);
    list.remove(b);
    expect(list.size).toBe(0);
    expect(list.ids().size).toBe(0);
  });
});
