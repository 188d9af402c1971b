// The play page shared by every play_*.html: draws the board, plays the human's clicks, asks
// the server for the bot's moves (POST /select-move/<bot>), and shows captures, the result,
// the bot's diagnostics and an SGF download. Each page only sets data-bot, data-board-size and
// data-show-value on <body>; ?bot=NAME&size=N in the address overrides the first two.

import { BLACK, WHITE, EMPTY, GoGame, colorName, columnLetter, opponent, parseVertex,
  starPoints, toVertex } from './go_rules.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const CELL = 40;    // SVG units between lines
const MARGIN = 44;  // room for the coordinates
const KOMI = 7.5;
const BUSY_RETRIES = 5;

const body = document.body;
const params = new URLSearchParams(location.search);
const botName = params.get('bot') || body.dataset.bot || 'random';
const sizeParam = Number(params.get('size') || body.dataset.boardSize || 9);
const boardSize = Number.isInteger(sizeParam) && sizeParam >= 2 && sizeParam <= 25 ? sizeParam : 9;
const alwaysShowValue = body.dataset.showValue === 'true';

const state = {
  game: new GoGame(boardSize, KOMI),
  human: BLACK,
  thinking: false,
  diagnostics: null,   // the bot's last answer's diagnostics
  showThinking: false,
  error: null,         // {message, retry}
  pendingTouch: null,  // a first tap on a phone: its point, waiting for a second to confirm
};

// ---------------------------------------------------------------------------------------
// Building the page

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function svg(tag, attributes = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

const ui = {};

function buildPage() {
  document.title = `Play Go against the ${botName} bot (${boardSize}×${boardSize})`;
  const header = element('header', { class: 'top' },
    element('a', { class: 'home', href: '/' }, 'dlgo'),
    element('h1', {}, `${botName} bot `, element('span', { class: 'size' }, `${boardSize}×${boardSize}`)));

  ui.board = svg('svg', {
    id: 'board', class: 'board', role: 'img',
    'aria-label': `Go board, ${boardSize} by ${boardSize}`,
  });
  const boardWrap = element('div', { class: 'board-wrap' }, ui.board);
  // Small boards need no more room than a 9x9 one to be easy to play.
  boardWrap.style.setProperty('--board-max',
    `${boardSize <= 5 ? 460 : boardSize <= 9 ? 620 : boardSize <= 13 ? 700 : 800}px`);

  ui.status = element('p', { id: 'status', class: 'status', 'aria-live': 'polite' });
  ui.blackRow = playerRow(BLACK);
  ui.whiteRow = playerRow(WHITE);
  ui.result = element('div', { id: 'result', class: 'result', hidden: '' });

  ui.pass = element('button', { id: 'pass', type: 'button', onclick: humanPass }, 'Pass');
  ui.resign = element('button', { id: 'resign', type: 'button', class: 'danger', onclick: humanResign },
    'Resign');
  ui.newGame = element('button', { id: 'new-game', type: 'button', class: 'primary', onclick: newGame },
    'New game');
  ui.colorBlack = element('input', { type: 'radio', name: 'color', value: 'black', id: 'color-black' });
  ui.colorWhite = element('input', { type: 'radio', name: 'color', value: 'white', id: 'color-white' });
  ui.colorBlack.checked = true;
  for (const radio of [ui.colorBlack, ui.colorWhite]) radio.addEventListener('change', colorChosen);
  const colorChoice = element('div', { class: 'color-choice', role: 'radiogroup', 'aria-label': 'Your colour' },
    element('span', { class: 'label' }, 'You play'),
    element('label', { for: 'color-black' }, ui.colorBlack, element('span', { class: 'chip black' }), 'Black'),
    element('label', { for: 'color-white' }, ui.colorWhite, element('span', { class: 'chip white' }), 'White'));

  ui.thinkingToggle = element('input', { type: 'checkbox', id: 'show-thinking' });
  ui.thinkingToggle.addEventListener('change', () => {
    state.showThinking = ui.thinkingToggle.checked;
    render();
  });
  const toggle = element('label', { class: 'toggle', for: 'show-thinking' }, ui.thinkingToggle,
    element('span', { class: 'switch' }), "Show the bot's thinking");

  ui.diagnostics = element('div', { id: 'diagnostics', class: 'diagnostics', hidden: '' });
  ui.error = element('div', { id: 'error', class: 'error', role: 'alert', hidden: '' });
  ui.download = element('button', { id: 'download-sgf', type: 'button', onclick: downloadSgf },
    'Download SGF');

  const panel = element('aside', { class: 'panel' },
    ui.status,
    element('div', { class: 'players' }, ui.blackRow.row, ui.whiteRow.row),
    ui.result,
    ui.error,
    element('div', { class: 'buttons' }, ui.pass, ui.resign, ui.newGame),
    colorChoice,
    toggle,
    ui.diagnostics,
    element('div', { class: 'buttons secondary' }, ui.download),
    element('p', { class: 'rules-note' },
      `Area scoring, komi ${KOMI}, no suicide, positional superko. Dead stones stay on the board: play them out before passing.`));

  const main = element('main', { class: 'play' }, header,
    element('div', { class: 'layout' }, boardWrap, panel));
  body.replaceChildren(main);
  drawBoardBase();
  document.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLInputElement) return;
    if (event.key === 'p') humanPass();
  });
}

function playerRow(color) {
  const who = element('span', { class: 'who' });
  const captures = element('span', { class: 'captures', id: `captures-${colorName(color).toLowerCase()}` });
  const row = element('div', { class: 'player' },
    element('span', { class: `chip ${colorName(color).toLowerCase()}` }),
    element('span', { class: 'name' }, colorName(color)), who, captures);
  return { row, who, captures };
}

// The wood, lines, coordinates, star points and the invisible click targets: drawn once.
function drawBoardBase() {
  const span = (boardSize - 1) * CELL;
  const full = span + 2 * MARGIN;
  const board = ui.board;
  board.setAttribute('viewBox', `0 0 ${full} ${full}`);
  const defs = svg('defs');
  defs.innerHTML = `
    <linearGradient id="wood" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#e8c078"/><stop offset="0.5" stop-color="#dcae62"/>
      <stop offset="1" stop-color="#cf9e50"/></linearGradient>
    <filter id="grain" x="0" y="0" width="100%" height="100%">
      <feTurbulence type="fractalNoise" baseFrequency="0.012 0.35" numOctaves="2" seed="7"/>
      <feColorMatrix values="0 0 0 0 0.45  0 0 0 0 0.28  0 0 0 0 0.08  0 0 0 0.55 0"/>
      <feComposite in2="SourceGraphic" operator="in"/></filter>
    <radialGradient id="stone-black" cx="0.35" cy="0.3" r="0.75">
      <stop offset="0" stop-color="#6b6b6b"/><stop offset="0.35" stop-color="#2a2a2a"/>
      <stop offset="1" stop-color="#050505"/></radialGradient>
    <radialGradient id="stone-white" cx="0.35" cy="0.3" r="0.8">
      <stop offset="0" stop-color="#ffffff"/><stop offset="0.6" stop-color="#eeeae2"/>
      <stop offset="1" stop-color="#bdb8ad"/></radialGradient>`;
  board.append(defs);
  board.append(svg('rect', { x: 0, y: 0, width: full, height: full, rx: 10, fill: 'url(#wood)' }));
  board.append(svg('rect', { x: 0, y: 0, width: full, height: full, rx: 10, fill: '#000',
    filter: 'url(#grain)', opacity: 0.22 }));

  const lines = svg('g', { class: 'lines' });
  for (let i = 0; i < boardSize; i++) {
    const offset = MARGIN + i * CELL;
    lines.append(svg('line', { x1: MARGIN, y1: offset, x2: MARGIN + span, y2: offset }));
    lines.append(svg('line', { x1: offset, y1: MARGIN, x2: offset, y2: MARGIN + span }));
  }
  lines.append(svg('rect', { x: MARGIN, y: MARGIN, width: span, height: span, class: 'edge' }));
  board.append(lines);
  for (const [row, col] of starPoints(boardSize)) {
    board.append(svg('circle', { cx: x(col), cy: y(row), r: boardSize >= 13 ? 4 : 4.5, class: 'star' }));
  }

  // Text keeps about the same size on screen whatever the number of lines.
  const textScale = Math.sqrt(full / ((19 - 1) * CELL + 2 * MARGIN));
  board.style.setProperty('--coord-size', `${(15 * textScale).toFixed(1)}px`);
  board.style.setProperty('--label-size', `${(14 * Math.max(textScale, 0.75)).toFixed(1)}px`);
  const coords = svg('g', { class: 'coords' });
  for (let i = 0; i < boardSize; i++) {
    const letter = columnLetter(i);
    for (const cy of [MARGIN / 2, full - MARGIN / 2]) {
      const text = svg('text', { x: x(i), y: cy });
      text.textContent = letter;
      coords.append(text);
    }
    for (const cx of [MARGIN / 2, full - MARGIN / 2]) {
      const text = svg('text', { x: cx, y: y(i) });
      text.textContent = String(i + 1);
      coords.append(text);
    }
  }
  board.append(coords);

  ui.territory = svg('g', { class: 'territory' });
  ui.heat = svg('g', { class: 'heat' });
  ui.stones = svg('g', { class: 'stones' });
  ui.marks = svg('g', { class: 'marks' });
  ui.ghost = svg('g', { class: 'ghost' });
  ui.heatLabels = svg('g', { class: 'heat-labels' });  // above the stones, so always readable
  board.append(ui.territory, ui.heat, ui.stones, ui.ghost, ui.marks, ui.heatLabels);

  const targets = svg('g', { class: 'targets' });
  for (let row = 0; row < boardSize; row++) {
    for (let col = 0; col < boardSize; col++) {
      const target = svg('rect', {
        x: x(col) - CELL / 2, y: y(row) - CELL / 2, width: CELL, height: CELL,
        'data-vertex': toVertex(row, col),
      });
      target.addEventListener('pointerenter', () => hover(row, col));
      target.addEventListener('pointerleave', () => hover(null));
      target.addEventListener('click', (event) => pointClicked(row, col, event));
      targets.append(target);
    }
  }
  board.append(targets);
}

const x = (col) => MARGIN + col * CELL;
const y = (row) => MARGIN + (boardSize - 1 - row) * CELL;

// ---------------------------------------------------------------------------------------
// Drawing the game

function stone(row, col, color, extraClass = '') {
  const group = svg('g', { class: `stone ${color === BLACK ? 'black' : 'white'} ${extraClass}`,
    'data-vertex': toVertex(row, col) });
  const r = CELL * 0.47;
  group.append(svg('circle', { cx: x(col) + 1.6, cy: y(row) + 2.2, r, class: 'shadow' }));
  group.append(svg('circle', { cx: x(col), cy: y(row), r,
    fill: color === BLACK ? 'url(#stone-black)' : 'url(#stone-white)' }));
  return group;
}

function render() {
  const game = state.game;
  ui.stones.replaceChildren();
  for (let row = 0; row < boardSize; row++) {
    for (let col = 0; col < boardSize; col++) {
      const color = game.at(row, col);
      if (color !== EMPTY) ui.stones.append(stone(row, col, color));
    }
  }
  ui.marks.replaceChildren();
  const last = game.lastMove;
  if (last && !last.pass) {
    const color = game.at(last.row, last.col);
    ui.marks.append(svg('circle', { cx: x(last.col), cy: y(last.row), r: CELL * 0.2,
      'data-vertex': toVertex(last.row, last.col), class: `last-move ${color === BLACK ? 'on-black' : 'on-white'}` }));
  }
  renderTerritory();
  renderHeatMap();
  renderPanel();
}

function renderTerritory() {
  ui.territory.replaceChildren();
  if (!state.game.isOver || state.game.resigned !== null) return;
  const { owner } = state.game.score();
  for (let point = 0; point < owner.length; point++) {
    if (owner[point] === EMPTY) continue;
    const row = Math.floor(point / boardSize);
    const col = point % boardSize;
    ui.territory.append(svg('rect', { x: x(col) - 7, y: y(row) - 7, width: 14, height: 14, rx: 2,
      class: owner[point] === BLACK ? 'black' : 'white' }));
  }
}

// Candidate weights of the bot's last answer: search visits when it searched, else priors.
function candidateWeights(diagnostics) {
  const moves = (diagnostics && diagnostics.top_moves) || [];
  const byVisits = moves.some((m) => typeof m.visits === 'number');
  const total = byVisits
    ? (diagnostics.visits || moves.reduce((sum, m) => sum + (m.visits || 0), 0))
    : 1;
  return moves
    .map((m) => ({ move: m.move, weight: byVisits ? (m.visits || 0) / Math.max(total, 1) : (m.prior ?? 0),
      winRate: m.win_rate }))
    .filter((m) => m.weight > 0);
}

function renderHeatMap() {
  ui.heat.replaceChildren();
  ui.heatLabels.replaceChildren();
  if (!state.showThinking || !state.diagnostics) return;
  const weights = candidateWeights(state.diagnostics);
  const max = Math.max(...weights.map((w) => w.weight), 1e-9);
  for (const { move, weight } of weights) {
    const point = parseVertex(boardSize, move);
    if (!point) continue;
    const strength = weight / max;
    ui.heat.append(svg('rect', { x: x(point.col) - CELL / 2 + 2, y: y(point.row) - CELL / 2 + 2,
      width: CELL - 4, height: CELL - 4, rx: 6, class: 'heat-cell', 'data-vertex': move,
      fill: `hsl(${Math.round(210 - 210 * strength)}, 85%, 50%)`, opacity: 0.3 + 0.45 * strength }));
    const label = svg('text', { x: x(point.col), y: y(point.row),
      class: state.game.at(point.row, point.col) === BLACK ? 'on-black' : '' });
    label.textContent = weight >= 0.995 ? '99' : String(Math.max(1, Math.round(weight * 100)));
    ui.heatLabels.append(label);
    // The label marks the bot's stone well enough; the ring would run through it.
    if (state.game.at(point.row, point.col) !== EMPTY) {
      for (const ring of ui.marks.querySelectorAll(`[data-vertex="${move}"]`)) ring.remove();
    }
  }
}

function whoText(color) {
  return color === state.human ? 'you' : 'bot';
}

function renderPanel() {
  const game = state.game;
  for (const [color, view] of [[BLACK, ui.blackRow], [WHITE, ui.whiteRow]]) {
    view.who.textContent = whoText(color);
    view.captures.textContent = `captured ${game.captures[color]}`;
    view.row.classList.toggle('to-move', !game.isOver && game.toMove === color);
  }
  const humanTurn = !game.isOver && !state.thinking && game.toMove === state.human && !state.error;
  ui.pass.disabled = !humanTurn;
  ui.resign.disabled = game.isOver || state.thinking;
  ui.board.classList.toggle('your-turn', humanTurn);
  body.classList.toggle('thinking', state.thinking);

  let status;
  if (game.isOver) status = 'Game over';
  else if (state.thinking) status = `The ${botName} bot is thinking…`;
  else if (state.error) status = 'The bot could not answer';
  else if (humanTurn) {
    const last = game.lastMove;
    status = last && last.pass && last.color !== state.human
      ? `The bot passed. Your move (${colorName(state.human)}), or pass to end the game`
      : `Your move (${colorName(state.human)})`;
  } else status = '';
  ui.status.textContent = status;
  ui.status.dataset.moves = String(game.moves.length);

  renderResult();
  renderError();
  renderDiagnostics();
}

function renderResult() {
  const game = state.game;
  if (!game.isOver) {
    ui.result.hidden = true;
    return;
  }
  ui.result.hidden = false;
  let headline;
  let detail = '';
  if (game.resigned !== null) {
    const winner = opponent(game.resigned);
    headline = `${colorName(winner)} wins by resignation`;
    detail = winner === state.human ? 'The bot resigned.' : 'You resigned.';
  } else {
    const score = game.score();
    if (score.winner === EMPTY) headline = 'A tie';
    else headline = `${colorName(score.winner)} wins by ${Math.abs(score.margin)}`;
    detail = `Black ${score.blackArea} (${score.black.stones} stones + ${score.black.territory} territory) · ` +
      `White ${score.whiteArea} (${score.white.stones} stones + ${score.white.territory} territory) + ${score.komi} komi`;
  }
  const winnerIsHuman = headline.startsWith(colorName(state.human));
  ui.result.className = `result ${headline === 'A tie' ? '' : winnerIsHuman ? 'won' : 'lost'}`;
  ui.result.replaceChildren(element('strong', { id: 'result-text' }, headline),
    element('span', {}, detail), element('span', { class: 're' }, `SGF: RE[${game.resultText()}]`));
}

function renderError() {
  if (!state.error) {
    ui.error.hidden = true;
    return;
  }
  ui.error.hidden = false;
  const children = [element('span', {}, state.error.message)];
  if (state.error.retry) {
    children.push(element('button', { type: 'button', onclick: () => {
      const retry = state.error.retry;
      state.error = null;
      retry();
    } }, 'Retry'));
  }
  ui.error.replaceChildren(...children);
}

function percent(value) {
  return `${(value * 100).toFixed(value >= 0.995 || value < 0.1 ? 1 : 0)}%`;
}

function renderDiagnostics() {
  const d = state.diagnostics;
  const showPanel = state.showThinking || alwaysShowValue;
  ui.diagnostics.hidden = !showPanel;
  if (!showPanel) return;
  if (!d) {
    ui.diagnostics.replaceChildren(element('p', { class: 'muted' }, "The bot's view appears after its first move."));
    return;
  }
  const parts = [];
  const winRate = typeof d.win_rate === 'number' ? d.win_rate
    : typeof d.value === 'number' ? (d.value + 1) / 2 : null;
  if (winRate !== null) {
    const bar = element('div', { class: 'winrate-bar' },
      element('div', { class: 'fill', style: `width:${(winRate * 100).toFixed(1)}%` }));
    parts.push(element('div', { class: 'metric' },
      element('span', { class: 'label' }, "Bot's win rate"),
      element('span', { class: 'value', id: 'win-rate' }, percent(winRate))), bar);
  }
  if (typeof d.value === 'number') {
    parts.push(element('div', { class: 'metric' }, element('span', { class: 'label' }, 'Value (−1…1)'),
      element('span', { class: 'value', id: 'value' }, d.value.toFixed(3))));
  }
  if (typeof d.visits === 'number') {
    parts.push(element('div', { class: 'metric' }, element('span', { class: 'label' }, 'Visits'),
      element('span', { class: 'value' }, String(d.visits))));
  }
  const weights = candidateWeights(d);
  if (weights.length) {
    const list = element('ol', { class: 'candidates' });
    for (const w of weights.slice(0, 5)) {
      list.append(element('li', {}, element('b', {}, w.move), ` ${percent(w.weight)}`,
        typeof w.winRate === 'number' ? element('span', { class: 'muted' }, ` · wins ${percent(w.winRate)}`) : ''));
    }
    parts.push(element('div', { class: 'label' }, 'Top candidates'), list);
  }
  if (d.principal_variation && d.principal_variation.length > 1) {
    parts.push(element('div', { class: 'metric pv' }, element('span', { class: 'label' }, 'Expected line'),
      element('span', { class: 'value' }, d.principal_variation.slice(0, 8).join(' '))));
  }
  if (!parts.length) parts.push(element('p', { class: 'muted' }, 'This bot reports no diagnostics.'));
  if (typeof d.seconds === 'number') {
    parts.push(element('div', { class: 'metric' }, element('span', { class: 'label' }, 'Time for the move'),
      element('span', { class: 'value' }, d.seconds < 0.001 ? `${Math.round(d.seconds * 1e6)} µs`
        : `${(d.seconds * 1000).toFixed(d.seconds < 0.01 ? 1 : 0)} ms`)));
  }
  ui.diagnostics.replaceChildren(...parts);
}

// ---------------------------------------------------------------------------------------
// Playing

function hover(row, col) {
  ui.ghost.replaceChildren();
  if (row === null || state.pendingTouch) return;
  const game = state.game;
  if (game.isOver || state.thinking || game.toMove !== state.human) return;
  if (!game.isLegal(row, col)) return;
  ui.ghost.append(stone(row, col, state.human, 'hover'));
}

function pointClicked(row, col, event) {
  const game = state.game;
  if (game.isOver || state.thinking || state.error || game.toMove !== state.human) return;
  // On a phone a finger covers several points of a big board: the first tap shows the stone,
  // a second tap on it plays.
  if (event.pointerType === 'touch' && boardSize >= 13) {
    const pending = state.pendingTouch;
    if (!pending || pending.row !== row || pending.col !== col) {
      state.pendingTouch = null;
      if (!game.isLegal(row, col)) return;
      state.pendingTouch = { row, col };
      ui.ghost.replaceChildren(stone(row, col, state.human, 'hover pending'));
      return;
    }
  }
  state.pendingTouch = null;
  ui.ghost.replaceChildren();
  const verdict = game.check(row, col);
  if (!verdict.legal) {
    flashStatus(`${toVertex(row, col)}: ${verdict.reason}`);
    return;
  }
  game.play(row, col);
  render();
  askBot();
}

function flashStatus(text) {
  ui.status.textContent = text;
  ui.status.classList.add('flash');
  setTimeout(() => ui.status.classList.remove('flash'), 1200);
}

function humanPass() {
  const game = state.game;
  if (game.isOver || state.thinking || state.error || game.toMove !== state.human) return;
  game.pass();
  render();
  if (!game.isOver) askBot();
}

function humanResign() {
  const game = state.game;
  if (game.isOver || state.thinking) return;
  game.resigned = state.human;  // allowed on either player's turn
  state.error = null;
  render();
}

let requestSerial = 0;  // a new game makes answers to the old one stale

async function askBot(attempt = 0) {
  const game = state.game;
  const serial = ++requestSerial;
  state.thinking = true;
  state.error = null;
  render();
  let answer;
  try {
    const response = await fetch(`/select-move/${encodeURIComponent(botName)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ board_size: boardSize, moves: game.gtpMoves(), komi: game.komi }),
    });
    if (serial !== requestSerial) return;
    const payload = await response.json().catch(() => ({}));
    if (response.status === 503 && attempt < BUSY_RETRIES) {
      await new Promise((resolve) => setTimeout(resolve, 700 * (attempt + 1)));
      if (serial === requestSerial) askBot(attempt + 1);
      return;
    }
    if (!response.ok) throw new Error(payload.error || `the server answered ${response.status}`);
    answer = payload;
  } catch (error) {
    if (serial !== requestSerial) return;
    state.thinking = false;
    state.error = { message: `Bot move failed: ${error.message}`, retry: () => askBot() };
    render();
    return;
  }
  state.thinking = false;
  state.diagnostics = answer.diagnostics || null;
  try {
    game.playVertex(answer.bot_move);
  } catch (error) {
    state.error = { message: `The bot answered ${answer.bot_move}, which this page cannot play: ${error.message}` };
  }
  render();
}

function colorChosen() {
  const chosen = ui.colorWhite.checked ? WHITE : BLACK;
  if (chosen === state.human) return;
  // A change of colour starts a new game: colours cannot swap mid-game.
  state.human = chosen;
  newGame();
}

function newGame() {
  requestSerial++;
  state.game = new GoGame(boardSize, KOMI);
  state.human = ui.colorWhite.checked ? WHITE : BLACK;
  state.thinking = false;
  state.diagnostics = null;
  state.error = null;
  state.pendingTouch = null;
  render();
  if (state.game.toMove !== state.human) askBot();
}

function downloadSgf() {
  const game = state.game;
  const bot = `dlgo ${botName}`;
  const date = new Date().toISOString().slice(0, 10);
  const sgf = game.toSgf({
    black: state.human === BLACK ? 'You' : bot,
    white: state.human === WHITE ? 'You' : bot,
    date,
  });
  const blob = new Blob([sgf], { type: 'application/x-go-sgf' });
  const link = element('a', { href: URL.createObjectURL(blob),
    download: `dlgo-${botName}-${boardSize}x${boardSize}-${date}.sgf` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

buildPage();
render();
// For tests and the curious: the game in the console.
window.dlgoPage = { state, newGame };
