// Reading a game record (SGF, FF[1]-FF[4]) into a GoGame, for "Load SGF" on the play page. Only
// what the server can continue from is accepted: a square board, komi, Black setup stones in the
// root (a handicap, after which White moves first) and the main line of B/W moves, alternating.
// Anything else is refused with a message naming what is wrong, so that a loaded game is never
// silently different from the file.

import { BLACK, WHITE, GoGame, colorName, toVertex } from './go_rules.js';

// The nodes of the main line (the first variation at each fork) of the first game in the file,
// as [{IDENT: [values]}]. Throws on text that is not SGF, saying where.
export function mainLine(text) {
  let i = 0;
  const fail = (what) => {
    throw new Error(`${what} (line ${text.slice(0, i).split('\n').length})`);
  };
  const next = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
    return text[i];
  };
  const node = () => {
    i++;  // the ';'
    const properties = {};
    while (/[A-Za-z]/.test(next() || '')) {
      const start = i;
      while (/[A-Za-z]/.test(text[i] || '')) i++;
      const name = text.slice(start, i).replace(/[a-z]/g, '');  // FF[3] allowed lower case
      const values = [];
      if (next() !== '[') fail(`property ${name} has no value`);
      while (next() === '[') {
        i++;
        let value = '';
        while (i < text.length && text[i] !== ']') {
          if (text[i] === '\\') i++;
          value += text[i++] ?? '';
        }
        if (i >= text.length) fail(`the value of ${name} is not closed with "]"`);
        i++;
        values.push(value);
      }
      properties[name] = (properties[name] || []).concat(values);
    }
    return properties;
  };
  const tree = () => {
    i++;  // the '('
    const nodes = [];
    while (next() === ';') nodes.push(node());
    let first = true;
    while (next() === '(') {
      const variation = tree();
      if (first) nodes.push(...variation);
      first = false;
    }
    if (next() !== ')') fail(i >= text.length ? 'the file ends inside the game' : `unexpected "${text[i]}"`);
    i++;
    return nodes;
  };
  if (next() !== '(') fail('not an SGF file: it does not start with "("');
  const nodes = tree();
  if (!nodes.length) fail('the file holds no game');
  return nodes;
}

// {row, col} of an SGF point ("dd") on a board of `size` lines, null for a pass ("" or "tt"
// on boards up to 19x19); throws when it is neither.
function sgfPoint(size, value, where) {
  if (value === '' || (value === 'tt' && size <= 19)) return null;
  if (!/^[a-zA-Z]{2}$/.test(value)) throw new Error(`${where}: "${value}" is not a point`);
  const toIndex = (c) => (c >= 'a' ? c.charCodeAt(0) - 97 : c.charCodeAt(0) - 65 + 26);
  const col = toIndex(value[0]);
  const row = size - 1 - toIndex(value[1]);
  if (col >= size || row < 0) throw new Error(`${where}: "${value}" is off a ${size}x${size} board`);
  return { row, col };
}

// Expands an FF[4] compressed point list ("aa:cc") into its points.
function sgfPoints(size, values, where) {
  const points = [];
  for (const value of values) {
    const [from, to] = value.split(':');
    const a = sgfPoint(size, from, where);
    const b = to === undefined ? a : sgfPoint(size, to, where);
    if (!a || !b) throw new Error(`${where}: "${value}" is not a point`);
    for (let row = Math.min(a.row, b.row); row <= Math.max(a.row, b.row); row++) {
      for (let col = Math.min(a.col, b.col); col <= Math.max(a.col, b.col); col++) {
        points.push({ row, col });
      }
    }
  }
  return points;
}

// The game of an SGF text, replayed by the rules: {game, size, komi, handicap, result}.
// Throws an Error whose message says what is wrong (and, for a move, which one).
export function gameFromSgf(text, defaultKomi = 7.5) {
  const nodes = mainLine(text);
  const root = nodes[0];
  if (root.GM && root.GM[0] !== '1') throw new Error(`GM[${root.GM[0]}] is not a game of Go`);
  const sizeText = root.SZ ? root.SZ[0] : '19';
  if (!/^\d+$/.test(sizeText)) throw new Error(`SZ[${sizeText}]: only square boards are supported`);
  const size = Number(sizeText);
  if (size < 2 || size > 25) throw new Error(`SZ[${size}]: boards are 2 to 25 lines`);
  let komi = defaultKomi;
  if (root.KM) {
    komi = Number(root.KM[0]);
    if (root.KM[0].trim() === '' || !Number.isFinite(komi)) {
      throw new Error(`KM[${root.KM[0]}] is not a number`);
    }
  }
  const handicap = sgfPoints(size, root.AB || [], 'AB');
  const game = new GoGame(size, komi, handicap);
  if (root.HA && Number(root.HA[0]) >= 2 && Number(root.HA[0]) !== handicap.length) {
    throw new Error(`HA[${root.HA[0]}] but ${handicap.length} Black setup stones (AB)`);
  }
  nodes.forEach((node, index) => {
    for (const setup of ['AW', 'AE', ...(index > 0 ? ['AB'] : [])]) {
      if (node[setup]) {
        throw new Error(`${setup} (setup stones${index ? ' after the start' : ''}) is not supported: ` +
          'the game must be Black setup stones, then moves');
      }
    }
    for (const tag of ['B', 'W']) {
      if (!node[tag]) continue;
      const color = tag === 'B' ? BLACK : WHITE;
      const number = game.moves.length + 1;
      const where = `move ${number} (${tag}[${node[tag][0]}])`;
      if (color !== game.toMove) {
        throw new Error(`${where}: ${colorName(game.toMove)} was to play; ` +
          'moves must alternate');
      }
      if (game.isOver) throw new Error(`${where} comes after both players passed`);
      const point = sgfPoint(size, node[tag][0], where);
      if (!point) {
        game.pass();
        continue;
      }
      const verdict = game.check(point.row, point.col);
      if (!verdict.legal) {
        throw new Error(`${where} at ${toVertex(point.row, point.col)} is illegal: ${verdict.reason}`);
      }
      game.play(point.row, point.col);
    }
  });
  return { game, size, komi, handicap, result: root.RE ? root.RE[0] : null };
}
