import { describe, expect, it } from 'vitest';
import { RepeatedText } from './repeated-text.js';

describe('RepeatedText', () => {
  const bytes = Buffer.from('xx type source typf ✓ yy');

  it('finds remembered text by its bytes, wherever they are', () => {
    const table = new RepeatedText();
    expect(table.find(bytes, 3, 7)).toBeUndefined();
    table.remember(bytes, 3, 7, 'type');
    table.remember(bytes, 20, 23, '✓');
    expect(table.find(Buffer.from('type'), 0, 4)).toBe('type');
    expect(table.find(bytes, 3, 7)).toBe('type');
    expect(table.find(bytes, 15, 19)).toBeUndefined(); // typf: same length, other bytes
    expect(table.find(bytes, 8, 14)).toBeUndefined();
    expect(table.find(Buffer.from('✓'), 0, 3)).toBe('✓');
  });

  it('decodes bytes it has not seen as UTF-8 and keeps them for next time', () => {
    const table = new RepeatedText();
    const bytes = Buffer.from('OK QUEUED é');
    expect(table.decode(bytes, 0, 2)).toBe('OK');
    expect(table.decode(bytes, 10, 12)).toBe('é');
    expect(table.find(Buffer.from('OK'), 0, 2)).toBe('OK');
    expect(table.decode(Buffer.from('xOK'), 1, 3)).toBe('OK');
  });

  it('keeps its own copy of the bytes', () => {
    const table = new RepeatedText();
    const source = Buffer.from('source');
    table.remember(source, 0, 6, 'source');
    source.write('xxxxxx');
    expect(table.find(Buffer.from('source'), 0, 6)).toBe('source');
    expect(table.find(source, 0, 6)).toBeUndefined();
  });

  it('replaces the oldest text when full and ignores text longer than maxBytes', () => {
    const table = new RepeatedText(2, 4);
    const texts = Buffer.from('aaaabbbbcccc');
    table.remember(texts, 0, 4, 'aaaa');
    table.remember(texts, 4, 8, 'bbbb');
    table.remember(texts, 8, 12, 'cccc');
    expect(table.find(texts, 0, 4)).toBeUndefined();
    expect(table.find(texts, 4, 8)).toBe('bbbb');
    expect(table.find(texts, 8, 12)).toBe('cccc');
    table.remember(texts, 0, 5, 'aaaab');
    expect(table.find(texts, 0, 5)).toBeUndefined();
  });
});
