// The play page shared by every play_*.html: the game setup (board size, colour, handicap, komi,
// the bot's level, also read from and written to the address), the board, the human's moves,
// the bot's moves (POST /select-move/<bot>), undo, the end of the game (POST /score/<bot>: dead
// stones the player may flip, territory, the result), analysis of the position without the bot
// moving, a win-rate graph, and SGF download and upload. Each page only sets data-bot,
// data-board-size and data-show-value on <body>; the address's query string overrides them
// (docs/http-api.md lists its parameters).

import { BLACK, WHITE, EMPTY, GoGame, colorName, columnLetter, fixedHandicapPoints,
  maxFixedHandicap, opponent, parseVertex, starPoints, toVertex } from './go_rules.js';
import { gameFromSgf } from './sgf.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const CELL = 40;    // SVG units between lines
const MARGIN = 44;  // room for the coordinates
const KOMI = 7.5;
const HANDICAP_KOMI = 0.5;
const BUSY_RETRIES = 5;
const SIZES_OF_ANY_SIZE_BOT = [9, 13, 19];  // offered, with the page's own, for a bot of any size

const body = document.body;
const params = new URLSearchParams(location.search);
// A page may name several bots, best first (data-bot="zero predict"): it plays the first one the
// server has for the page's board size. ?bot= names the one to play.
const candidateBots = params.get('bot')
  ? [params.get('bot')]
  : (body.dataset.bot || 'random').split(/\s+/).filter(Boolean);
let botName = candidateBots[0];
const pageSize = validSize(Number(params.get('size') || body.dataset.boardSize || 9)) || 9;
const alwaysShowValue = body.dataset.showValue === 'true';

function validSize(size) {
  return Number.isInteger(size) && size >= 2 && size <= 25 ? size : null;
}

const state = {
  bot: { sizes: [pageSize], anySize: false, levels: [], defaultLevel: null, known: false },
  setup: { size: pageSize, colour: BLACK, handicap: 0, komi: KOMI, level: null },
  game: new GoGame(pageSize, KOMI),
  human: BLACK,
  thinking: false,       // a request to the bot is under way (move, analysis or score)
  diagnostics: null,     // {data, color, analysis}: what the bot last said and for which colour
  winRates: new Map(),   // moves played -> Black's win rate as the bot saw it there
  showThinking: false,
  error: null,           // {message, retry}
  notice: null,          // a line of information (a clamped budget, an ignored parameter)
  scoring: null,         // {dead: Set, answer, bothPassed, failed}: the end of the game
  pendingTouch: null,    // a first tap on a phone: its point, waiting for a second to confirm
  tapPreview: pageSize >= 13,
  sgfLoads: 0,           // files read so far (for tests: one more once a file is dealt with)
  cursor: null,          // the keyboard's point on the board
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

function button(testid, label, onclick, extraClass = '') {
  return element('button', { id: testid, 'data-testid': testid, type: 'button', class: extraClass,
    onclick }, label);
}

function field(label, control, extraClass = '') {
  return element('label', { class: `field ${extraClass}` }, element('span', { class: 'label' }, label),
    control);
}

const ui = {};

function buildPage() {
  ui.title = element('h1', {});
  const header = element('header', { class: 'top' },
    element('a', { class: 'home', href: '/' }, 'dlgo'), ui.title);

  ui.board = svg('svg', { id: 'board', class: 'board', role: 'application', tabindex: '0' });
  ui.boardWrap = element('div', { class: 'board-wrap' }, ui.board);
  ui.board.addEventListener('keydown', boardKey);
  ui.board.addEventListener('focus', () => renderCursor());
  ui.board.addEventListener('blur', () => renderCursor());

  ui.status = element('p', { id: 'status', class: 'status', 'aria-live': 'polite' });
  ui.moveNumber = element('span', { id: 'move-number', 'data-testid': 'move-number', class: 'move-number' });
  ui.blackRow = playerRow(BLACK);
  ui.whiteRow = playerRow(WHITE);
  ui.result = element('div', { id: 'result', 'data-testid': 'result', class: 'result', hidden: '' });
  ui.error = element('div', { id: 'error', class: 'error', role: 'alert', hidden: '' });
  ui.notice = element('div', { id: 'notice', class: 'notice', 'aria-live': 'polite', hidden: '' });

  ui.pass = button('pass', 'Pass', humanPass);
  ui.undo = button('undo', 'Undo', undo);
  ui.undo.title = 'Take back your last move and the bot\'s answer (key U)';
  ui.resign = button('resign', 'Resign', humanResign, 'danger');
  ui.score = button('score', 'Score now', () => requestScore(false));
  ui.score.title = 'Count the position as it stands, with the dead stones the server finds';
  ui.analyse = button('analyse', 'Analyse this position', analyse);

  ui.accept = button('accept-score', 'Accept the score', acceptScore, 'primary');
  ui.resume = button('resume', 'Resume play', resumePlay);
  ui.scoringBar = element('div', { class: 'scoring', hidden: '' },
    element('p', { class: 'hint' }, 'Click a group to mark it dead or alive, then accept.'),
    element('div', { class: 'buttons' }, ui.accept, ui.resume));

  ui.size = element('select', { id: 'setup-size', 'data-testid': 'board-size' });
  ui.colour = element('select', { id: 'setup-colour', 'data-testid': 'colour' },
    element('option', { value: 'black' }, 'Black'), element('option', { value: 'white' }, 'White'));
  ui.handicap = element('select', { id: 'setup-handicap', 'data-testid': 'handicap' });
  ui.komi = element('input', { id: 'setup-komi', 'data-testid': 'komi', type: 'number', step: '0.5',
    inputmode: 'decimal', min: '-100', max: '100' });
  ui.level = element('select', { id: 'setup-level', 'data-testid': 'level' });
  ui.sizeField = field('Board', ui.size);
  ui.levelField = field('Bot level', ui.level);
  ui.setupNote = element('p', { id: 'setup-note', class: 'setup-note', 'aria-live': 'polite' });
  ui.newGame = button('new-game', 'New game', () => newGame(), 'primary');
  for (const control of [ui.size, ui.colour, ui.handicap, ui.komi]) {
    control.addEventListener('change', () => setupChanged(control));
  }
  ui.level.addEventListener('change', levelChanged);
  const setup = element('fieldset', { class: 'setup' }, element('legend', {}, 'Game setup'),
    element('div', { class: 'fields' }, ui.sizeField, field('You play', ui.colour),
      field('Handicap', ui.handicap), field('Komi', ui.komi), ui.levelField),
    ui.setupNote, element('div', { class: 'buttons' }, ui.newGame));

  ui.thinkingToggle = element('input', { type: 'checkbox', id: 'show-thinking', 'data-testid': 'show-thinking' });
  ui.thinkingToggle.addEventListener('change', () => {
    state.showThinking = ui.thinkingToggle.checked;
    render();
  });
  ui.previewToggle = element('input', { type: 'checkbox', id: 'tap-preview', 'data-testid': 'tap-preview' });
  ui.previewToggle.addEventListener('change', () => {
    state.tapPreview = ui.previewToggle.checked;
    state.tapPreviewChosen = true;
    state.pendingTouch = null;
    render();
  });
  const toggles = element('div', { class: 'toggles' },
    element('label', { class: 'toggle', for: 'show-thinking' }, ui.thinkingToggle,
      element('span', { class: 'switch' }), "Show the bot's thinking"),
    element('label', { class: 'toggle', for: 'tap-preview' }, ui.previewToggle,
      element('span', { class: 'switch' }), 'Touch: tap twice to play (the first tap shows the stone)'));

  ui.diagnostics = element('div', { id: 'diagnostics', class: 'diagnostics', hidden: '' });
  ui.graph = element('div', { id: 'win-rate-graph', 'data-testid': 'win-rate-graph', class: 'graph', hidden: '' });
  ui.download = button('download-sgf', 'Download SGF', downloadSgf);
  ui.loadInput = element('input', { type: 'file', id: 'load-sgf', 'data-testid': 'load-sgf',
    accept: '.sgf,application/x-go-sgf', class: 'file-input' });
  ui.loadInput.addEventListener('change', loadSgfFile);
  const loadLabel = element('label', { class: 'file-button', for: 'load-sgf' }, ui.loadInput, 'Load SGF');

  const panel = element('aside', { class: 'panel' },
    ui.status,
    element('div', { class: 'game-line' }, ui.moveNumber),
    element('div', { class: 'players' }, ui.blackRow.row, ui.whiteRow.row),
    ui.result,
    ui.error,
    ui.notice,
    ui.scoringBar,
    element('div', { class: 'buttons' }, ui.pass, ui.undo, ui.resign),
    element('div', { class: 'buttons' }, ui.score, ui.analyse),
    toggles,
    ui.diagnostics,
    ui.graph,
    setup,
    element('div', { class: 'buttons secondary' }, ui.download, loadLabel),
    element('p', { class: 'rules-note' },
      'Area scoring, no suicide, positional superko. After two passes the server marks the dead ' +
      'stones; click a group to change its mind before you accept.'));

  const main = element('main', { class: 'play' }, header,
    element('div', { class: 'layout' }, ui.boardWrap, panel));
  body.replaceChildren(main);
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target === ui.board) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'p') humanPass();
    if (event.key === 'u') undo();
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

const boardSize = () => state.game.size;
const x = (col) => MARGIN + col * CELL;
const y = (row) => MARGIN + (boardSize() - 1 - row) * CELL;

// The wood, lines, coordinates, star points and the invisible click targets: drawn again only
// when the board size changes.
function drawBoardBase() {
  const size = boardSize();
  if (ui.board.dataset.size === String(size)) return;
  ui.board.dataset.size = String(size);
  document.title = `Play Go against the ${botName} bot (${size}×${size})`;
  ui.title.replaceChildren(`${botName} bot `, element('span', { class: 'size' }, `${size}×${size}`));
  ui.board.setAttribute('aria-label', `Go board, ${size} by ${size}; arrow keys move, Enter plays`);
  // Small boards need no more room than a 9x9 one to be easy to play.
  ui.boardWrap.style.setProperty('--board-max',
    `${size <= 5 ? 460 : size <= 9 ? 620 : size <= 13 ? 700 : 800}px`);

  const span = (size - 1) * CELL;
  const full = span + 2 * MARGIN;
  const board = ui.board;
  board.replaceChildren();
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
  for (let i = 0; i < size; i++) {
    const offset = MARGIN + i * CELL;
    lines.append(svg('line', { x1: MARGIN, y1: offset, x2: MARGIN + span, y2: offset }));
    lines.append(svg('line', { x1: offset, y1: MARGIN, x2: offset, y2: MARGIN + span }));
  }
  lines.append(svg('rect', { x: MARGIN, y: MARGIN, width: span, height: span, class: 'edge' }));
  board.append(lines);
  for (const [row, col] of starPoints(size)) {
    board.append(svg('circle', { cx: x(col), cy: y(row), r: size >= 13 ? 4 : 4.5, class: 'star' }));
  }

  // Text keeps about the same size on screen whatever the number of lines.
  const textScale = Math.sqrt(full / ((19 - 1) * CELL + 2 * MARGIN));
  board.style.setProperty('--coord-size', `${(15 * textScale).toFixed(1)}px`);
  board.style.setProperty('--label-size', `${(14 * Math.max(textScale, 0.75)).toFixed(1)}px`);
  const coords = svg('g', { class: 'coords' });
  for (let i = 0; i < size; i++) {
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
  ui.cursor = svg('g', { class: 'cursor' });
  ui.heatLabels = svg('g', { class: 'heat-labels' });  // above the stones, so always readable
  board.append(ui.heat, ui.stones, ui.territory, ui.ghost, ui.marks, ui.heatLabels, ui.cursor);

  const targets = svg('g', { class: 'targets' });
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const target = svg('rect', {
        x: x(col) - CELL / 2, y: y(row) - CELL / 2, width: CELL, height: CELL,
        'data-vertex': toVertex(row, col),
      });
      target.addEventListener('pointerenter', () => hover(row, col));
      target.addEventListener('pointerleave', () => hover(null));
      target.addEventListener('click', (event) => pointClicked(row, col, event.pointerType));
      targets.append(target);
    }
  }
  board.append(targets);
}

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
  drawBoardBase();
  const game = state.game;
  const size = boardSize();
  const dead = state.scoring ? state.scoring.dead : null;
  ui.stones.replaceChildren();
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const color = game.at(row, col);
      if (color === EMPTY) continue;
      const isDead = dead && dead.has(game.index(row, col));
      ui.stones.append(stone(row, col, color, isDead ? 'dead' : ''));
    }
  }
  ui.marks.replaceChildren();
  const last = game.lastMove;
  if (last && !last.pass) {
    const color = game.at(last.row, last.col);
    ui.marks.append(svg('circle', { cx: x(last.col), cy: y(last.row), r: CELL * 0.2,
      'data-vertex': toVertex(last.row, last.col),
      class: `last-move ${color === BLACK ? 'on-black' : 'on-white'}` }));
  }
  // Stones in seki: alive, but their shared liberties are no one's.
  for (const point of state.scoring ? state.scoring.seki : []) {
    if (dead.has(point)) continue;
    const row = Math.floor(point / size);
    const col = point % size;
    ui.marks.append(svg('circle', { cx: x(col), cy: y(row), r: CELL * 0.16, 'data-vertex': toVertex(row, col),
      class: `seki-marker ${game.at(row, col) === BLACK ? 'on-black' : 'on-white'}` }));
  }
  const ko = game.koPoint();
  if (ko) {
    ui.marks.append(svg('rect', { x: x(ko.col) - CELL * 0.22, y: y(ko.row) - CELL * 0.22,
      width: CELL * 0.44, height: CELL * 0.44, class: 'ko-marker', 'data-vertex': toVertex(ko.row, ko.col) }));
  }
  if (state.pendingTouch && !canPlay()) state.pendingTouch = null;
  ui.ghost.replaceChildren();
  if (state.pendingTouch) {
    const { row, col } = state.pendingTouch;
    ui.ghost.append(stone(row, col, state.human, 'hover pending'));
  }
  renderTerritory();
  renderHeatMap();
  renderCursor();
  renderPanel();
}

function renderTerritory() {
  ui.territory.replaceChildren();
  if (!state.scoring) return;
  const { owner } = state.game.score(state.scoring.dead);
  const size = boardSize();
  for (let point = 0; point < owner.length; point++) {
    if (owner[point] === EMPTY) continue;
    if (state.game.board[point] !== EMPTY && !state.scoring.dead.has(point)) continue;
    const row = Math.floor(point / size);
    const col = point % size;
    ui.territory.append(svg('rect', { x: x(col) - 7, y: y(row) - 7, width: 14, height: 14, rx: 2,
      'data-vertex': toVertex(row, col), class: owner[point] === BLACK ? 'black' : 'white' }));
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
  if (!state.showThinking || !state.diagnostics || state.scoring) return;
  const weights = candidateWeights(state.diagnostics.data);
  const max = Math.max(...weights.map((w) => w.weight), 1e-9);
  for (const { move, weight } of weights) {
    const point = parseVertex(boardSize(), move);
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
      for (const ring of ui.marks.querySelectorAll(`.last-move[data-vertex="${move}"]`)) ring.remove();
    }
  }
}

function renderCursor() {
  ui.cursor.replaceChildren();
  if (!state.cursor || document.activeElement !== ui.board) return;
  const { row, col } = state.cursor;
  ui.cursor.append(svg('rect', { x: x(col) - CELL / 2 + 1, y: y(row) - CELL / 2 + 1, width: CELL - 2,
    height: CELL - 2, rx: 5, 'data-vertex': toVertex(row, col), class: 'keyboard-cursor' }));
}

function whoText(color) {
  return color === state.human ? 'you' : 'bot';
}

// The human may play a stone or pass now.
function canPlay() {
  const game = state.game;
  return !game.isOver && !state.thinking && !state.scoring && !state.error && game.toMove === state.human;
}

function renderPanel() {
  const game = state.game;
  for (const [color, view] of [[BLACK, ui.blackRow], [WHITE, ui.whiteRow]]) {
    view.who.textContent = whoText(color);
    view.captures.textContent = `captured ${game.captures[color]}`;
    view.row.classList.toggle('to-move', !game.isOver && game.toMove === color);
  }
  const humanTurn = canPlay();
  ui.pass.disabled = !humanTurn;
  ui.resign.disabled = game.isOver || state.thinking || Boolean(state.scoring);
  ui.undo.disabled = !undoTarget();
  ui.score.disabled = !humanTurn;
  ui.analyse.disabled = game.isOver || state.thinking || Boolean(state.scoring);
  ui.board.classList.toggle('your-turn', humanTurn);
  ui.board.classList.toggle('scoring', Boolean(state.scoring));
  body.classList.toggle('thinking', state.thinking);

  const moves = game.moves.length;
  ui.moveNumber.textContent = moves === 0 ? 'No moves yet' : `Move ${moves}`;
  ui.moveNumber.dataset.moves = String(moves);
  if (game.handicap.length) ui.moveNumber.textContent += ` · handicap ${game.handicap.length}`;
  ui.moveNumber.textContent += ` · komi ${game.komi}`;

  let status;
  if (state.scoring && !game.agreedResult) {
    status = state.scoring.answer || state.scoring.failed ? 'Scoring: mark the dead stones' : 'Counting…';
  } else if (game.isOver) status = 'Game over';
  else if (state.thinking) status = `The ${botName} bot is thinking…`;
  else if (state.error) status = 'The bot could not answer';
  else if (humanTurn) {
    const last = game.lastMove;
    status = last && last.pass && last.color !== state.human
      ? `The bot passed. Your move (${colorName(state.human)}), or pass to end the game`
      : `Your move (${colorName(state.human)})`;
  } else status = '';
  ui.status.textContent = status;
  ui.status.dataset.moves = String(moves);

  ui.scoringBar.hidden = !state.scoring || Boolean(game.agreedResult);
  ui.resume.hidden = !state.scoring || state.scoring.bothPassed;
  ui.accept.disabled = state.thinking;

  renderResult();
  renderError();
  renderNotice();
  renderDiagnostics();
  renderGraph();
}

function resultWords(re) {
  if (re === '0') return 'A tie';
  const [side, margin] = re.split('+');
  const winner = side === 'B' ? 'Black' : 'White';
  return margin === 'R' ? `${winner} wins by resignation` : `${winner} wins by ${margin}`;
}

function renderResult() {
  const game = state.game;
  const scoring = state.scoring;
  if (!game.isOver && !scoring) {
    ui.result.hidden = true;
    delete ui.result.dataset.result;
    return;
  }
  ui.result.hidden = false;
  let re;
  let detail = '';
  let note = '';
  if (game.resigned !== null) {
    re = game.resultText();
    detail = game.resigned === state.human ? 'You resigned.' : 'The bot resigned.';
  } else if (scoring) {
    re = game.scoreText(scoring.dead);
    const score = game.score(scoring.dead);
    const side = (name, area) => `${name} ${area.stones + area.territory} (${area.stones} stones + ` +
      `${area.territory} territory)`;
    detail = `${side('Black', score.black)} · ${side('White', score.white)} + ${score.komi} komi`;
    const deadCount = scoring.dead.size;
    if (game.agreedResult) note = 'Accepted.';
    else if (!scoring.answer && !scoring.failed) note = 'The server is marking the dead stones…';
    else {
      note = `${deadCount} dead stone${deadCount === 1 ? '' : 's'}` +
        (scoring.answer ? ` (the server's estimate by ${scoring.answer.method || 'playouts'}` +
          `${scoring.edited ? ', changed by you' : ''})` : ' (none estimated)') +
        (scoring.seki.size ? `; ${scoring.seki.size} in seki (marked: alive, their shared liberties neutral)` : '') +
        '. Not final until you accept.';
    }
  } else {
    re = game.resultText();
  }
  if (game.agreedResult) re = game.agreedResult;
  ui.result.dataset.result = re;
  ui.result.dataset.final = String(game.isOver && (!scoring || Boolean(game.agreedResult)));
  const headline = resultWords(re);
  const winner = re.startsWith('B') ? BLACK : re.startsWith('W') ? WHITE : EMPTY;
  ui.result.className = `result ${winner === EMPTY ? '' : winner === state.human ? 'won' : 'lost'}` +
    (ui.result.dataset.final === 'true' ? '' : ' provisional');
  ui.result.replaceChildren(element('strong', { id: 'result-text' }, headline),
    element('span', {}, detail), ...(note ? [element('span', { class: 'note' }, note)] : []),
    element('span', { class: 're' }, `SGF: RE[${re}]`));
}

function renderError() {
  if (!state.error) {
    ui.error.hidden = true;
    ui.error.replaceChildren();
    return;
  }
  ui.error.hidden = false;
  const children = [element('span', { id: 'error-text' }, state.error.message)];
  if (state.error.retry) {
    children.push(element('button', { type: 'button', onclick: () => {
      const retry = state.error.retry;
      state.error = null;
      retry();
    } }, 'Retry'));
  } else {
    children.push(element('button', { type: 'button', 'aria-label': 'Dismiss', onclick: () => {
      state.error = null;
      render();
    } }, 'OK'));
  }
  ui.error.replaceChildren(...children);
}

function renderNotice() {
  ui.notice.hidden = !state.notice;
  ui.notice.textContent = state.notice || '';
}

function percent(value) {
  return `${(value * 100).toFixed(value >= 0.995 || value < 0.1 ? 1 : 0)}%`;
}

// The win rate in a diagnostics answer, for the player it was asked for; null when none.
function winRateOf(d) {
  if (typeof d.win_rate === 'number') return d.win_rate;
  return typeof d.value === 'number' ? (d.value + 1) / 2 : null;
}

function renderDiagnostics() {
  const showPanel = state.showThinking || alwaysShowValue;
  ui.diagnostics.hidden = !showPanel;
  if (!showPanel) return;
  if (!state.diagnostics) {
    ui.diagnostics.replaceChildren(element('p', { class: 'muted' },
      "The bot's view appears after its first move, or press Analyse."));
    return;
  }
  const { data: d, color, analysis, moves } = state.diagnostics;
  const parts = [element('p', { class: 'diagnostics-title' }, analysis
    ? `Analysis of move ${moves} (${colorName(color)} to play)` : `The bot's view of its move ${moves + 1}`)];
  const winRate = winRateOf(d);
  if (winRate !== null) {
    const bar = element('div', { class: 'winrate-bar' },
      element('div', { class: 'fill', style: `width:${(winRate * 100).toFixed(1)}%` }));
    parts.push(element('div', { class: 'metric' },
      element('span', { class: 'label' }, `Win rate for ${colorName(color)}`),
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
    parts.push(element('div', { class: 'label' }, analysis ? 'Best moves here' : 'Top candidates'), list);
  }
  if (d.principal_variation && d.principal_variation.length > 1) {
    parts.push(element('div', { class: 'metric pv' }, element('span', { class: 'label' },
      analysis ? 'Best line' : 'Expected line'),
    element('span', { class: 'value', id: 'best-line' }, d.principal_variation.slice(0, 8).join(' '))));
  }
  if (parts.length === 1) parts.push(element('p', { class: 'muted' }, 'This bot reports no diagnostics.'));
  if (typeof d.seconds === 'number') {
    parts.push(element('div', { class: 'metric' }, element('span', { class: 'label' }, 'Time taken'),
      element('span', { class: 'value' }, d.seconds < 0.001 ? `${Math.round(d.seconds * 1e6)} µs`
        : `${(d.seconds * 1000).toFixed(d.seconds < 0.01 ? 1 : 0)} ms`)));
  }
  ui.diagnostics.replaceChildren(...parts);
}

// Black's win rate over the game, as the bot saw each position it was asked about.
function renderGraph() {
  const points = [...state.winRates.entries()].sort((a, b) => a[0] - b[0]);
  const show = points.length > 0 && (state.showThinking || alwaysShowValue);
  ui.graph.hidden = !show;
  if (!show) return;
  const width = 280;
  const height = 90;
  const last = Math.max(10, state.game.moves.length, ...points.map(([moves]) => moves));
  const px = (moves) => (moves / last) * (width - 8) + 4;
  const py = (rate) => (1 - rate) * (height - 8) + 4;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'win-rate-chart', role: 'img',
    'aria-label': `Black's win rate over ${points.length} positions` });
  chart.append(svg('rect', { x: 0, y: 0, width, height, rx: 6, class: 'frame' }));
  chart.append(svg('line', { x1: 0, x2: width, y1: py(0.5), y2: py(0.5), class: 'even' }));
  chart.append(svg('polyline', { class: 'line',
    points: points.map(([moves, rate]) => `${px(moves).toFixed(1)},${py(rate).toFixed(1)}`).join(' ') }));
  for (const [moves, rate] of points) {
    chart.append(svg('circle', { cx: px(moves), cy: py(rate), r: 2.6, class: 'dot', 'data-moves': moves,
      'data-rate': rate.toFixed(3) }));
  }
  const [, latest] = points[points.length - 1];
  ui.graph.replaceChildren(element('div', { class: 'metric' },
    element('span', { class: 'label' }, "Black's win rate over the game"),
    element('span', { class: 'value' }, percent(latest))), chart);
}

// ---------------------------------------------------------------------------------------
// Playing

function hover(row, col) {
  ui.ghost.replaceChildren();
  if (state.pendingTouch) {
    const { row: r, col: c } = state.pendingTouch;
    ui.ghost.append(stone(r, c, state.human, 'hover pending'));
    return;
  }
  if (row === null || !canPlay()) return;
  if (!state.game.isLegal(row, col)) return;
  ui.ghost.append(stone(row, col, state.human, 'hover'));
}

function pointClicked(row, col, pointerType) {
  if (state.scoring && !state.game.agreedResult) {
    flipGroup(row, col);
    return;
  }
  if (!canPlay()) return;
  const game = state.game;
  // On a phone a finger covers several points: with the option on, the first tap shows the
  // stone and a second tap on it plays.
  if (pointerType === 'touch' && state.tapPreview) {
    const pending = state.pendingTouch;
    if (!pending || pending.row !== row || pending.col !== col) {
      state.pendingTouch = null;
      if (!game.isLegal(row, col)) {
        flashStatus(`${toVertex(row, col)}: ${game.check(row, col).reason}`);
        hover(null);
        return;
      }
      state.pendingTouch = { row, col };
      hover(null);
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
  state.notice = null;
  render();
  askBot();
}

// Arrow keys move a cursor over the board, Enter or Space plays (or, when scoring, flips).
function boardKey(event) {
  const size = boardSize();
  const cursor = state.cursor || { row: Math.floor(size / 2), col: Math.floor(size / 2) };
  const moves = { ArrowUp: [1, 0], ArrowDown: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  if (moves[event.key]) {
    const [dr, dc] = moves[event.key];
    state.cursor = { row: Math.min(size - 1, Math.max(0, cursor.row + dr)),
      col: Math.min(size - 1, Math.max(0, cursor.col + dc)) };
    event.preventDefault();
    renderCursor();
    hover(state.cursor.row, state.cursor.col);
  } else if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    state.cursor = cursor;
    pointClicked(cursor.row, cursor.col, 'keyboard');
  }
}

function flashStatus(text) {
  ui.status.textContent = text;
  ui.status.classList.add('flash');
  setTimeout(() => ui.status.classList.remove('flash'), 1200);
}

function humanPass() {
  if (!canPlay()) return;
  state.pendingTouch = null;
  state.game.pass();
  render();
  if (state.game.bothPassed) requestScore(true);
  else askBot();
}

function humanResign() {
  const game = state.game;
  if (game.isOver || state.thinking || state.scoring) return;
  state.pendingTouch = null;
  game.resigned = state.human;  // allowed on either player's turn
  state.error = null;
  render();
}

// The number of moves the game goes back to on Undo: before the human's last move (so the
// bot's answer goes too); the whole game when the human resigned (the resignation goes);
// null when there is nothing of the human's to take back.
function undoTarget() {
  const game = state.game;
  if (game.resigned === state.human && !game.agreedResult) return { moves: game.moves.length };
  for (let i = game.moves.length - 1; i >= 0; i--) {
    if (game.moves[i].color === state.human) return { moves: i };
  }
  return null;
}

function undo() {
  const target = undoTarget();
  if (!target) return;
  requestSerial++;  // an answer on its way belongs to the position being taken back
  state.thinking = false;
  state.game = state.game.replay(target.moves);
  for (const moves of [...state.winRates.keys()]) if (moves > target.moves) state.winRates.delete(moves);
  if (state.diagnostics && state.diagnostics.moves > target.moves) state.diagnostics = null;
  state.scoring = null;
  state.error = null;
  state.notice = null;
  state.pendingTouch = null;
  render();
  // Taking back the human's resignation can leave the bot to move.
  if (state.game.toMove !== state.human) askBot();
}

let requestSerial = 0;  // a new game or an undo makes answers to the old position stale

// The body of /select-move and /score for the current position.
function positionRequest() {
  const game = state.game;
  const request = { board_size: game.size, moves: game.gtpMoves(), komi: game.komi };
  if (game.handicap.length) request.handicap = game.gtpHandicap();
  if (state.setup.level !== null && state.bot.levels.length) request.level = state.setup.level;
  return request;
}

// POSTs the position to /<endpoint>/<bot>, retrying while the server is busy. Resolves with
// the answer, or null when a newer request made this one stale; throws on failure.
async function ask(endpoint) {
  const serial = ++requestSerial;
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`/${endpoint}/${encodeURIComponent(botName)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(positionRequest()),
    });
    if (serial !== requestSerial) return null;
    const payload = await response.json().catch(() => ({}));
    if (serial !== requestSerial) return null;
    if (response.status === 503 && attempt < BUSY_RETRIES) {
      await new Promise((resolve) => setTimeout(resolve, 700 * (attempt + 1)));
      if (serial !== requestSerial) return null;
      continue;
    }
    if (!response.ok) throw new Error(payload.error || `the server answered ${response.status}`);
    if (payload.limits && payload.limits.message) {
      state.notice = `The server limits the bot: ${payload.limits.message}`;
    }
    return payload;
  }
}

// Remembers the bot's diagnostics for the position with `moves` moves, `color` to play.
function noteDiagnostics(data, color, moves, analysis) {
  state.diagnostics = data ? { data, color, moves, analysis } : null;
  const winRate = data ? winRateOf(data) : null;
  if (winRate !== null) state.winRates.set(moves, color === BLACK ? winRate : 1 - winRate);
}

// Sends the position to /<endpoint>/<bot> while the page shows the bot thinking. Resolves with
// the answer; or with null when a newer request made it stale, or when it failed: then the
// page shows `failure(message)` with a Retry button that runs `retry`.
async function consult(endpoint, failure, retry) {
  state.thinking = true;
  state.error = null;
  render();
  try {
    const answer = await ask(endpoint);
    if (answer) state.thinking = false;
    return answer;
  } catch (error) {
    state.thinking = false;
    state.error = { message: failure(error.message), retry };
    render();
    return null;
  }
}

async function askBot() {
  const game = state.game;
  const answer = await consult('select-move', (message) => `Bot move failed: ${message}`, () => askBot());
  if (!answer) return;
  noteDiagnostics(answer.diagnostics || null, game.toMove, game.moves.length, false);
  try {
    game.playVertex(answer.bot_move);
  } catch (error) {
    state.error = { message: `The bot answered ${answer.bot_move}, which this page cannot play: ${error.message}` };
  }
  render();
  if (game.bothPassed) requestScore(true);
}

// "Analyse this position": the bot's diagnostics for the player to move; no move is played.
async function analyse() {
  const game = state.game;
  if (game.isOver || state.thinking || state.scoring) return;
  state.showThinking = true;
  ui.thinkingToggle.checked = true;
  const answer = await consult('select-move', (message) => `Analysis failed: ${message}`, () => analyse());
  if (!answer) return;
  noteDiagnostics(answer.diagnostics || {}, game.toMove, game.moves.length, true);
  render();
}

// The end of the game: asks the server which stones are dead. `bothPassed`: the game ended by
// two passes (else the player asked to score the position as it stands). Without an answer
// every stone counts as alive and the player marks the dead ones.
async function requestScore(bothPassed) {
  const game = state.game;
  if (!bothPassed && !state.scoring && !canPlay()) return;
  state.pendingTouch = null;
  const scoring = { dead: new Set(), seki: new Set(), answer: null, bothPassed, failed: false, edited: false };
  state.scoring = scoring;
  const answer = await consult('score', (message) => {
    scoring.failed = true;
    return `Scoring failed: ${message}. Every stone counts as alive; click a group to mark it dead.`;
  }, () => requestScore(bothPassed));
  if (!answer) return;
  const stonesOf = (vertices) => {
    const points = new Set();
    for (const vertex of vertices || []) {
      const point = parseVertex(game.size, vertex);
      if (point && game.at(point.row, point.col) !== EMPTY) points.add(game.index(point.row, point.col));
    }
    return points;
  };
  scoring.dead = stonesOf(answer.dead);
  scoring.seki = stonesOf(answer.seki);
  scoring.answer = answer;
  render();
}

function flipGroup(row, col) {
  const game = state.game;
  const scoring = state.scoring;
  if (state.thinking || game.at(row, col) === EMPTY) return;
  const chain = game.chainAt(row, col);
  const makeDead = !scoring.dead.has(chain[0]);
  for (const point of chain) {
    if (makeDead) scoring.dead.add(point);
    else scoring.dead.delete(point);
  }
  scoring.edited = true;
  render();
}

function acceptScore() {
  if (!state.scoring || state.thinking) return;
  state.game.agree(state.game.scoreText(state.scoring.dead));
  render();
}

function resumePlay() {
  if (!state.scoring || state.scoring.bothPassed) return;
  requestSerial++;
  state.thinking = false;
  state.scoring = null;
  state.error = null;
  render();
}

// ---------------------------------------------------------------------------------------
// Setup, the address, and starting games

function handicapPoints(setup) {
  return setup.handicap >= 2 ? fixedHandicapPoints(setup.size, setup.handicap) : [];
}

// The setup's controls show `state.setup` and offer what the bot and board allow.
function renderSetup() {
  const setup = state.setup;
  const sizes = state.bot.sizes;
  ui.size.replaceChildren(...sizes.map((size) =>
    element('option', { value: String(size) }, `${size}×${size}`)));
  ui.size.value = String(setup.size);
  ui.sizeField.hidden = sizes.length < 2;
  ui.colour.value = setup.colour === WHITE ? 'white' : 'black';
  const most = maxFixedHandicap(setup.size);
  const options = [element('option', { value: '0' }, 'none')];
  for (let stones = 2; stones <= most; stones++) {
    options.push(element('option', { value: String(stones) }, `${stones} stones`));
  }
  ui.handicap.replaceChildren(...options);
  ui.handicap.value = String(setup.handicap);
  ui.handicap.disabled = most === 0;
  ui.komi.value = String(setup.komi);
  ui.komi.removeAttribute('aria-invalid');
  const levels = state.bot.levels;
  ui.levelField.hidden = levels.length === 0;
  ui.level.replaceChildren(...levels.map((level) => element('option', { value: String(level.level) },
    `${level.level}: ${level.name}${level.description ? ` (${level.description})` : ''}`)));
  if (setup.level !== null) ui.level.value = String(setup.level);
  ui.previewToggle.checked = state.tapPreview;
}

// The game has nothing of the human's in it yet: a new setup may replace it at once.
function untouched() {
  const game = state.game;
  return !game.isOver && !state.scoring && !game.moves.some((move) => move.color === state.human);
}

function setupChanged(control) {
  const setup = state.setup;
  if (control === ui.komi) {
    const komi = Number(ui.komi.value);
    if (ui.komi.value.trim() === '' || !Number.isFinite(komi) || Math.abs(komi) > 100 ||
        !Number.isInteger(komi * 2)) {
      ui.komi.setAttribute('aria-invalid', 'true');
      ui.setupNote.textContent = `Komi must be a number in steps of 0.5 (such as 6.5), not "${ui.komi.value}".`;
      return;
    }
    setup.komi = komi;
  } else if (control === ui.size) {
    setup.size = Number(ui.size.value);
    if (setup.handicap > maxFixedHandicap(setup.size)) setup.handicap = 0;
    if (!state.tapPreviewChosen) state.tapPreview = setup.size >= 13;
  } else if (control === ui.colour) {
    setup.colour = ui.colour.value === 'white' ? WHITE : BLACK;
  } else if (control === ui.handicap) {
    const before = setup.handicap;
    setup.handicap = Number(ui.handicap.value);
    // The usual komi goes with the handicap: 0.5 with one, 7.5 without.
    if ((before >= 2) !== (setup.handicap >= 2)) setup.komi = setup.handicap >= 2 ? HANDICAP_KOMI : KOMI;
  }
  renderSetup();
  if (untouched()) {
    newGame();
  } else {
    ui.setupNote.textContent = 'The new setup starts with the next game: press New game.';
    ui.newGame.classList.add('attention');
  }
}

function levelChanged() {
  state.setup.level = Number(ui.level.value);
  ui.setupNote.textContent = 'The new level plays from the bot\'s next move.';
  writeAddress();
}

// The address carries the setup (only what differs from the page's defaults), so it can be
// shared or bookmarked.
function writeAddress() {
  const setup = state.setup;
  const query = new URLSearchParams();
  if (params.has('bot')) query.set('bot', botName);
  if (setup.size !== pageSize || params.has('size')) query.set('size', String(setup.size));
  if (setup.colour === WHITE) query.set('colour', 'white');
  if (setup.handicap >= 2) query.set('handicap', String(setup.handicap));
  if (setup.komi !== (setup.handicap >= 2 ? HANDICAP_KOMI : KOMI)) query.set('komi', String(setup.komi));
  if (setup.level !== null && setup.level !== state.bot.defaultLevel) query.set('level', String(setup.level));
  const text = query.toString();
  history.replaceState(null, '', `${location.pathname}${text ? `?${text}` : ''}`);
}

function startGame(game, human) {
  requestSerial++;
  state.game = game;
  state.human = human;
  state.thinking = false;
  state.diagnostics = null;
  state.winRates = new Map();
  state.error = null;
  state.scoring = null;
  state.pendingTouch = null;
  state.cursor = null;
  ui.setupNote.textContent = '';
  ui.newGame.classList.remove('attention');
  renderSetup();
  writeAddress();
  render();
  if (game.bothPassed) requestScore(true);
  else if (!game.isOver && game.toMove !== human) askBot();
}

function newGame() {
  const setup = state.setup;
  state.notice = null;
  startGame(new GoGame(setup.size, setup.komi, handicapPoints(setup)), setup.colour);
}

// The setup in the address (see writeAddress); a value that cannot be used is named in the
// notice and left at its default.
function readAddress() {
  const setup = state.setup;
  const ignored = [];
  const sizes = state.bot.sizes;
  if (params.has('size') && validSize(Number(params.get('size'))) === null) {
    ignored.push(`size=${params.get('size')} (2 to 25)`);
  }
  if (!sizes.includes(setup.size)) {
    ignored.push(`size=${setup.size} (the ${botName} bot plays ${sizes.join(', ')})`);
    setup.size = sizes.includes(pageSize) ? pageSize : sizes[0];
  }
  const colour = params.get('colour') ?? params.get('color');
  if (colour !== null) {
    if (colour === 'white' || colour === 'black') setup.colour = colour === 'white' ? WHITE : BLACK;
    else ignored.push(`colour=${colour} (black or white)`);
  }
  const handicap = params.get('handicap');
  if (handicap !== null) {
    const stones = Number(handicap);
    const most = maxFixedHandicap(setup.size);
    if (Number.isInteger(stones) && (stones === 0 || (stones >= 2 && stones <= most))) {
      setup.handicap = stones;
      if (stones >= 2) setup.komi = HANDICAP_KOMI;
    } else {
      const allowed = most ? `2 to ${most} on ${setup.size}×${setup.size}` : 'none on this board';
      ignored.push(`handicap=${handicap} (${allowed})`);
    }
  }
  const komi = params.get('komi');
  if (komi !== null) {
    const value = Number(komi);
    if (komi.trim() !== '' && Number.isFinite(value) && Math.abs(value) <= 100 && Number.isInteger(value * 2)) {
      setup.komi = value;
    } else {
      ignored.push(`komi=${komi} (a number in steps of 0.5)`);
    }
  }
  const levels = state.bot.levels;
  setup.level = levels.length ? state.bot.defaultLevel ?? levels[levels.length - 1].level : null;
  const level = params.get('level');
  if (level !== null) {
    if (levels.some((l) => String(l.level) === level)) setup.level = Number(level);
    else {
      const allowed = levels.length ? `levels are ${levels.map((l) => l.level).join(', ')}` : 'this bot has no levels';
      ignored.push(`level=${level} (${allowed})`);
    }
  }
  if (ignored.length) state.notice = `Ignored in the address: ${ignored.join('; ')}.`;
}

// What the server says about the bot: the sizes it plays and its levels.
async function loadBotInfo() {
  try {
    const response = await fetch('/bots');
    const { bots } = await response.json();
    const listed = bots || [];
    const playsPageSize = (b) => b.board_size === null || b.board_size === undefined ||
      b.board_size === pageSize || (Array.isArray(b.board_size) && b.board_size.includes(pageSize));
    const bot = candidateBots.map((name) => listed.find((b) => b.name === name && playsPageSize(b)))
      .find(Boolean) || listed.find((b) => b.name === botName);
    if (!bot) return;
    botName = bot.name;
    const size = bot.board_size;
    let sizes;
    if (size === null || size === undefined) sizes = [...new Set([pageSize, ...SIZES_OF_ANY_SIZE_BOT])];
    else sizes = Array.isArray(size) ? size : [size];
    state.bot = {
      known: true,
      anySize: size === null || size === undefined,
      sizes: sizes.slice().sort((a, b) => a - b),
      levels: Array.isArray(bot.levels) ? bot.levels : [],
      defaultLevel: typeof bot.default_level === 'number' ? bot.default_level : null,
    };
  } catch (error) {
    // No bot list: the page still plays with its own size and no levels.
  }
}

// ---------------------------------------------------------------------------------------
// SGF

function downloadSgf() {
  const game = state.game;
  const bot = `dlgo ${botName}`;
  const date = new Date().toISOString().slice(0, 10);
  const sgf = game.toSgf({
    black: state.human === BLACK ? 'You' : bot,
    white: state.human === WHITE ? 'You' : bot,
    date,
    result: state.scoring && !game.agreedResult ? game.scoreText(state.scoring.dead) : undefined,
  });
  const blob = new Blob([sgf], { type: 'application/x-go-sgf' });
  const link = element('a', { href: URL.createObjectURL(blob),
    download: `dlgo-${botName}-${game.size}x${game.size}-${date}.sgf` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// Continues the game of an SGF file: the player takes the colour to move. A file that does not
// parse, or that this bot cannot play, leaves the current game as it is.
async function loadSgfFile() {
  const file = ui.loadInput.files[0];
  ui.loadInput.value = '';
  if (!file) return;
  let loaded;
  try {
    if (file.size > 1 << 20) throw new Error('the file is larger than 1 MB');
    loaded = gameFromSgf(await file.text(), KOMI);
    if (!state.bot.anySize && !state.bot.sizes.includes(loaded.size)) {
      throw new Error(`it is a ${loaded.size}×${loaded.size} game; the ${botName} bot plays ` +
        `${state.bot.sizes.map((s) => `${s}×${s}`).join(', ')}`);
    }
    if (loaded.game.isOver && !loaded.game.bothPassed) throw new Error('the game in it is over');
  } catch (error) {
    state.error = { message: `Could not load ${file.name}: ${error.message}. The game on the board is unchanged.` };
    state.sgfLoads++;
    render();
    return;
  }
  const { game } = loaded;
  const setup = state.setup;
  if (!state.bot.sizes.includes(game.size)) state.bot.sizes = [...state.bot.sizes, game.size].sort((a, b) => a - b);
  setup.size = game.size;
  setup.komi = game.komi;
  const fixed = game.handicap.length >= 2 && game.handicap.length <= maxFixedHandicap(game.size);
  setup.handicap = fixed ? game.handicap.length : 0;
  setup.colour = game.toMove;
  state.notice = `Loaded ${file.name}: ${game.moves.length} moves; you play ${colorName(game.toMove)}.`;
  state.sgfLoads++;
  startGame(game, game.toMove);
}

// ---------------------------------------------------------------------------------------

buildPage();
render();
// For tests and the curious: the game in the console.
window.dlgoPage = { state, newGame, ready: false };
loadBotInfo().then(() => {
  ui.board.dataset.size = '';  // the title names the bot chosen
  readAddress();
  state.tapPreview = state.setup.size >= 13;
  const notice = state.notice;
  newGame();
  state.notice = notice;
  render();
  window.dlgoPage.ready = true;
});
