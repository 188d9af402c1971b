// The rules of Go as the page needs them: captures, legality (no suicide, positional
// superko, as the server plays), fixed handicap placement, the area score with komi and dead
// stones, coordinates and SGF output. Kept in step with the engine (engine/game_state.h,
// engine/handicap.h, engine/scoring.h) so that the page never sends a move the server would
// refuse.

export const EMPTY = 0;
export const BLACK = 1;
export const WHITE = 2;

export const opponent = (color) => (color === BLACK ? WHITE : BLACK);
export const colorName = (color) => (color === BLACK ? 'Black' : 'White');

const GTP_LETTERS = 'ABCDEFGHJKLMNOPQRSTUVWXYZ';

// The GTP column letter for a zero-based column: A..H, J.. (no I).
export function columnLetter(col) {
  return GTP_LETTERS[col];
}

// "D4" for a point; row 0 is the bottom line.
export function toVertex(row, col) {
  return `${columnLetter(col)}${row + 1}`;
}

// {row, col} for a vertex such as "d4", or null when it names no point on this board.
export function parseVertex(size, text) {
  const match = /^([A-HJ-Za-hj-z])(\d{1,2})$/.exec(String(text).trim());
  if (!match) return null;
  const col = GTP_LETTERS.indexOf(match[1].toUpperCase());
  const row = Number(match[2]) - 1;
  if (col < 0 || col >= size || row < 0 || row >= size) return null;
  return { row, col };
}

// The star points (hoshi) drawn on a board of this size.
export function starPoints(size) {
  if (size < 5) return [];
  const points = [];
  const mid = (size - 1) / 2;
  if (size >= 7) {
    const edge = size >= 13 ? 3 : 2;
    const far = size - 1 - edge;
    points.push([edge, edge], [edge, far], [far, edge], [far, far]);
    if (size % 2 === 1 && size >= 15) {
      points.push([edge, mid], [mid, edge], [far, mid], [mid, far]);
    }
  }
  if (size % 2 === 1) points.push([mid, mid]);
  return points;
}

// The most stones of a fixed handicap on a square board of `size` lines (engine's
// max_fixed_handicap): 9 on odd boards from 9x9, 4 on other boards from 7x7, else none.
export function maxFixedHandicap(size) {
  if (size % 2 === 1 && size >= 9) return 9;
  return size >= 7 ? 4 : 0;
}

// The points {row, col} of a fixed handicap in the engine's (and GTP's) order: star points on
// the 3rd line below 12x12, the 4th from 12x12 up; 2-4 in the corners, 5/7/9 add the centre,
// 6-9 the side star points. Throws when the board takes no such handicap.
export function fixedHandicapPoints(size, stones) {
  const most = maxFixedHandicap(size);
  if (!Number.isInteger(stones) || stones < 2 || stones > most) {
    throw new Error(most ? `a handicap on ${size}x${size} is 2 to ${most} stones, not ${stones}`
      : `no fixed handicap on a ${size}x${size} board`);
  }
  const low = size > 11 ? 3 : 2;
  const high = size - 1 - low;
  const mid = Math.floor(size / 2);
  const corners = [[high, high], [low, low], [high, low], [low, high]];
  const points = corners.slice(0, Math.min(stones, 4));
  if (stones >= 6) points.push([mid, low], [mid, high]);
  if (stones >= 8) points.push([low, mid], [high, mid]);
  if (stones % 2 === 1 && stones >= 5) points.push([mid, mid]);
  return points.map(([row, col]) => ({ row, col }));
}

export class GoGame {
  // `handicap`: Black's setup stones {row, col}, after which White moves first.
  constructor(size, komi = 7.5, handicap = []) {
    this.size = size;
    this.komi = komi;
    this.board = new Uint8Array(size * size);
    this.handicap = handicap.map(({ row, col }) => ({ row, col }));
    for (const { row, col } of this.handicap) this.board[this.index(row, col)] = BLACK;
    this.toMove = this.handicap.length ? WHITE : BLACK;
    this.captures = { [BLACK]: 0, [WHITE]: 0 };  // stones captured BY each colour
    this.moves = [];  // {color, row, col, captured: [points]} or {color, pass: true}
    this.consecutivePasses = 0;
    this.resigned = null;  // the colour that resigned
    this.agreedResult = null;  // a result both sides accepted ("B+1.5"): ends the game
    this.seen = new Set([this.positionKey()]);
  }

  // A new game with the same setup and the first `count` moves of this one (no resignation,
  // no agreed result): how moves are taken back.
  replay(count = this.moves.length) {
    const game = new GoGame(this.size, this.komi, this.handicap);
    for (const move of this.moves.slice(0, count)) {
      if (move.pass) game.pass();
      else game.play(move.row, move.col);
    }
    return game;
  }

  index(row, col) {
    return row * this.size + col;
  }

  at(row, col) {
    return this.board[this.index(row, col)];
  }

  get isOver() {
    return this.consecutivePasses >= 2 || this.resigned !== null || this.agreedResult !== null;
  }

  // Both players passed in a row: the position is to be scored.
  get bothPassed() {
    return this.consecutivePasses >= 2;
  }

  get lastMove() {
    return this.moves.length ? this.moves[this.moves.length - 1] : null;
  }

  positionKey(board = this.board) {
    return board.join('');
  }

  neighbours(point) {
    const size = this.size;
    const row = Math.floor(point / size);
    const col = point % size;
    const result = [];
    if (row > 0) result.push(point - size);
    if (row < size - 1) result.push(point + size);
    if (col > 0) result.push(point - 1);
    if (col < size - 1) result.push(point + 1);
    return result;
  }

  // The stones of the group at `point` and whether it has a liberty.
  group(board, point) {
    const color = board[point];
    const stones = [point];
    const visited = new Set(stones);
    let hasLiberty = false;
    for (let i = 0; i < stones.length; i++) {
      for (const next of this.neighbours(stones[i])) {
        if (board[next] === EMPTY) hasLiberty = true;
        else if (board[next] === color && !visited.has(next)) {
          visited.add(next);
          stones.push(next);
        }
      }
    }
    return { stones, hasLiberty };
  }

  // The board after `color` plays at `point`, with the stones it captures; null when the
  // stone would have no liberty (suicide).
  tryPlace(point, color) {
    const board = this.board.slice();
    board[point] = color;
    const captured = [];
    for (const next of this.neighbours(point)) {
      if (board[next] !== opponent(color)) continue;
      const { stones, hasLiberty } = this.group(board, next);
      if (hasLiberty) continue;
      for (const stone of stones) {
        board[stone] = EMPTY;
        captured.push(stone);
      }
    }
    if (!this.group(board, point).hasLiberty) return null;
    return { board, captured };
  }

  // {legal: true} or {legal: false, reason}.
  check(row, col) {
    if (this.isOver) return { legal: false, reason: 'the game is over' };
    if (row < 0 || row >= this.size || col < 0 || col >= this.size) {
      return { legal: false, reason: 'not on the board' };
    }
    if (this.at(row, col) !== EMPTY) return { legal: false, reason: 'the point is taken' };
    const placed = this.tryPlace(this.index(row, col), this.toMove);
    if (!placed) return { legal: false, reason: 'suicide: the stone would have no liberty' };
    if (this.seen.has(this.positionKey(placed.board))) {
      return { legal: false, reason: 'ko: the move repeats an earlier position' };
    }
    return { legal: true, placed };
  }

  isLegal(row, col) {
    return this.check(row, col).legal;
  }

  // Plays a stone for the player to move; returns the captured points. Throws when illegal.
  play(row, col) {
    const verdict = this.check(row, col);
    if (!verdict.legal) throw new Error(`${toVertex(row, col)} is illegal: ${verdict.reason}`);
    const color = this.toMove;
    this.board = verdict.placed.board;
    this.captures[color] += verdict.placed.captured.length;
    this.seen.add(this.positionKey());
    this.moves.push({ color, row, col, captured: verdict.placed.captured });
    this.consecutivePasses = 0;
    this.toMove = opponent(color);
    return verdict.placed.captured;
  }

  pass() {
    if (this.isOver) throw new Error('the game is over');
    this.moves.push({ color: this.toMove, pass: true });
    this.consecutivePasses += 1;
    this.toMove = opponent(this.toMove);
  }

  resign() {
    if (this.isOver) throw new Error('the game is over');
    this.resigned = this.toMove;
  }

  // Ends the game with a result both sides accepted after scoring (SGF RE form).
  agree(result) {
    this.agreedResult = result;
  }

  // The point {row, col} the player to move may not take now because of ko (the last move
  // took one stone there and retaking would repeat a position), or null.
  koPoint() {
    const last = this.lastMove;
    if (this.isOver || !last || last.pass || last.captured.length !== 1) return null;
    const point = last.captured[0];
    const row = Math.floor(point / this.size);
    const col = point % this.size;
    return /^ko/.test(this.check(row, col).reason || '') ? { row, col } : null;
  }

  // The points of the stones connected to the stone at (row, col); [] on an empty point.
  chainAt(row, col) {
    const point = this.index(row, col);
    return this.board[point] === EMPTY ? [] : this.group(this.board, point).stones;
  }

  // Plays a GTP move ("D4", "pass", "resign"); throws when it is unparsable or illegal.
  playVertex(text) {
    const lower = String(text).toLowerCase();
    if (lower === 'pass') return this.pass();
    if (lower === 'resign') return this.resign();
    const point = parseVertex(this.size, text);
    if (!point) throw new Error(`"${text}" is not a point on a ${this.size}x${this.size} board`);
    return this.play(point.row, point.col);
  }

  // The handicap stones as the server wants them: ["D4", ...].
  gtpHandicap() {
    return this.handicap.map(({ row, col }) => toVertex(row, col));
  }

  // The moves as the server wants them: ["D4", "pass", ...].
  gtpMoves() {
    return this.moves.map((move) => (move.pass ? 'pass' : toVertex(move.row, move.col)));
  }

  // Area (Chinese) score as the engine counts it: the stones on the board, less `dead` (a set
  // of points whose stones are taken off first), plus the empty regions bordered by one colour
  // only. `owner` gives the colour owning each empty (or emptied) point, EMPTY for dame.
  score(dead = new Set()) {
    const size = this.size;
    const board = this.board.map((color, point) => (dead.has(point) ? EMPTY : color));
    const owner = new Uint8Array(size * size);
    const counted = new Uint8Array(size * size);
    const result = {
      black: { stones: 0, territory: 0 },
      white: { stones: 0, territory: 0 },
      dame: 0,
      komi: this.komi,
      owner,
    };
    for (let point = 0; point < size * size; point++) {
      const color = board[point];
      if (color === BLACK) result.black.stones++;
      if (color === WHITE) result.white.stones++;
      if (color !== EMPTY || counted[point]) continue;
      const region = [point];
      counted[point] = 1;
      const borders = new Set();
      for (let i = 0; i < region.length; i++) {
        for (const next of this.neighbours(region[i])) {
          if (board[next] !== EMPTY) borders.add(board[next]);
          else if (!counted[next]) {
            counted[next] = 1;
            region.push(next);
          }
        }
      }
      const regionOwner = borders.size === 1 ? [...borders][0] : EMPTY;
      for (const p of region) owner[p] = regionOwner;
      if (regionOwner === BLACK) result.black.territory += region.length;
      else if (regionOwner === WHITE) result.white.territory += region.length;
      else result.dame += region.length;
    }
    result.blackArea = result.black.stones + result.black.territory;
    result.whiteArea = result.white.stones + result.white.territory;
    result.margin = result.blackArea - result.whiteArea - this.komi;  // > 0: Black wins
    result.winner = result.margin > 0 ? BLACK : result.margin < 0 ? WHITE : EMPTY;
    return result;
  }

  // "B+3.5", "W+R", "0" (SGF RE notation) of the area score with `dead` taken off.
  scoreText(dead = new Set()) {
    const { margin } = this.score(dead);
    if (margin === 0) return '0';
    return `${margin > 0 ? 'B' : 'W'}+${Math.abs(margin)}`;
  }

  // The result in SGF RE notation once the game has one (a resignation, an agreed score, or
  // two passes counted with every stone alive); null while the game goes on.
  resultText() {
    if (this.resigned !== null) return `${this.resigned === BLACK ? 'W' : 'B'}+R`;
    if (this.agreedResult !== null) return this.agreedResult;
    return this.isOver ? this.scoreText() : null;
  }

  // The game as FF[4] SGF. `info`: {black, white, date, comment, result}; `result` (RE) is
  // the game's own result unless given.
  toSgf(info = {}) {
    const escape = (text) => String(text).replace(/([\]\\])/g, '\\$1');
    const sgfPoint = (row, col) =>
      String.fromCharCode(97 + col) + String.fromCharCode(97 + (this.size - 1 - row));
    let sgf = `(;GM[1]FF[4]CA[UTF-8]AP[dlgo web]SZ[${this.size}]KM[${this.komi}]RU[Chinese]`;
    if (this.handicap.length) {
      sgf += `HA[${this.handicap.length}]AB` +
        this.handicap.map(({ row, col }) => `[${sgfPoint(row, col)}]`).join('');
    }
    if (info.black) sgf += `PB[${escape(info.black)}]`;
    if (info.white) sgf += `PW[${escape(info.white)}]`;
    if (info.date) sgf += `DT[${escape(info.date)}]`;
    const result = info.result ?? this.resultText();
    if (result) sgf += `RE[${result}]`;
    if (info.comment) sgf += `C[${escape(info.comment)}]`;
    for (const move of this.moves) {
      const tag = move.color === BLACK ? 'B' : 'W';
      sgf += `\n;${tag}[${move.pass ? '' : sgfPoint(move.row, move.col)}]`;
    }
    return `${sgf})\n`;
  }
}
