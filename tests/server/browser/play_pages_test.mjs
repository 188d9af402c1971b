// Plays the dlgo-serve pages in headless Chromium: starts the real server, checks the page's
// rules module (and its handicap placement against the engine's, through dlgo-gtp), then drives
// every control of the play page as a person would: moves and the bot's answers, the bot's
// thinking, pass, SGF download, resign, colour; handicap (the stones and the bot moving
// first), the setup in the address, undo (position and SGF, also after the bot passed), a game
// to two passes scored by the server with dead stones, flipping a group, SGF upload (good and
// bad), analysis without a move, the bot's levels, the keyboard, and a phone with
// tap-to-preview. Saves screenshots. Exits non-zero with a message on the first failure of
// each step.
//
//   node play_pages_test.mjs --server path/to/dlgo-serve --gtp path/to/dlgo-gtp --out DIR
//        [--server-arg ARG ...] [--chromium /usr/bin/chromium]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web');

// One line per page: the page, the bot it plays, its board size, what the server needs for
// that bot, and which diagnostics it reports (candidates for the heat map, a win rate), e.g.
//   { page: 'play_predict_19.html', bot: 'predict', size: 19, heatMap: true,
//     serverArgs: ['--predict-agent', process.env.DLGO_PREDICT_AGENT] },
const CASES = [
  { page: 'play_random_99.html', bot: 'random', size: 9, serverArgs: [] },
  { page: 'play_mcts_55.html', bot: 'mcts', size: 5, serverArgs: [], heatMap: true, winRate: true },
  // A predict agent exists only in builds with net/ (the ctest makes one with dlgo-init).
  ...(process.env.DLGO_PREDICT_AGENT
    ? [{ page: 'play_predict_19.html', bot: 'predict', size: 19, heatMap: true,
         serverArgs: ['--predict-agent', process.env.DLGO_PREDICT_AGENT] }]
    : []),
];
// With a 19x19 zero bot served too, the 19x19 page plays it, and ?bot=predict the raw policy.
const ZERO_AGENT = process.env.DLGO_PREDICT_AGENT && process.env.DLGO_ZERO_AGENT;
const RANDOM_PAGE = 'play_random_99.html';
const LETTERS = 'ABCDEFGHJKLMNOPQRSTUVWXYZ';

const options = parseArguments(process.argv.slice(2));
const failures = [];
let passed = 0;

function parseArguments(argv) {
  const result = { server: null, gtp: null, out: null, serverArgs: [], chromium: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    if (argv[i] === '--server') result.server = next();
    else if (argv[i] === '--gtp') result.gtp = next();
    else if (argv[i] === '--out') result.out = next();
    else if (argv[i] === '--server-arg') result.serverArgs.push(next());
    else if (argv[i] === '--chromium') result.chromium = next();
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!result.server || !result.gtp || !result.out) {
    throw new Error('usage: --server DLGO_SERVE --gtp DLGO_GTP --out DIR');
  }
  return result;
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    passed++;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failures.push(name);
    console.log(`FAIL ${name}: ${error.message}`);
  }
}

// Starts dlgo-serve on a free port; resolves with {process, base} once it prints its URL.
function startServer(extraArgs) {
  const args = ['--port', '0', '--mcts-rounds', '300', '--threads', '2', '--seed', '7', ...extraArgs];
  const server = spawn(options.server, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dlgo-serve did not start:\n${output}`)), 20000);
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s/]+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ process: server, base: match[1], output: () => output });
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dlgo-serve exited with ${code}:\n${output}`));
    });
  });
}

function stopServer(server) {
  return new Promise((resolve) => {
    if (server.process.exitCode !== null) return resolve(server.process.exitCode);
    server.process.removeAllListeners('exit');
    server.process.on('exit', (code, signal) => resolve(signal ? `signal ${signal}` : code));
    server.process.kill('SIGTERM');
  });
}

async function postJson(base, endpoint, body) {
  const response = await fetch(`${base}${endpoint}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const payload = await response.json();
  check(response.ok, `${endpoint} answered ${response.status}: ${JSON.stringify(payload)}`);
  return payload;
}

// ---------------------------------------------------------------------------------------
// Page helpers

// Opens a page, collecting console errors, page errors and failed responses into `problems`
// (checked by closePage), and waits until the page has its bot's details and is idle.
async function openPage(context, base, address) {
  const page = await context.newPage();
  page.problems = [];
  page.requests = [];
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) page.problems.push(`${response.status()} for ${response.url()}`);
  });
  page.on('request', (request) => {
    if (request.method() === 'POST') {
      page.requests.push({ url: request.url(), body: JSON.parse(request.postData() || '{}') });
    }
  });
  await page.goto(`${base}/static/${address}`);
  await page.waitForFunction(() => window.dlgoPage && window.dlgoPage.ready);
  await waitIdle(page);
  return page;
}

async function closePage(page) {
  check(page.problems.length === 0, `the page reported problems: ${page.problems.join('; ')}`);
  await page.close();
}

// The page's own view of the game, read through the hook play.js leaves on window.
const gameInfo = (page) => page.evaluate(() => {
  const { state } = window.dlgoPage;
  const game = state.game;
  return {
    moves: game.moves.length,
    over: game.isOver,
    thinking: state.thinking,
    error: state.error && state.error.message,
    toMove: game.toMove,
    gtp: game.gtpMoves(),
    handicap: game.gtpHandicap(),
    komi: game.komi,
    size: game.size,
    scoring: Boolean(state.scoring),
    human: state.human,
  };
});

async function waitIdle(page) {
  await page.waitForFunction(() => !window.dlgoPage.state.thinking, null, { timeout: 20000 });
}

async function waitForBot(page, moves) {
  await page.waitForFunction((count) => {
    const { state } = window.dlgoPage;
    return !state.thinking && (state.game.moves.length >= count || state.game.isOver || state.error);
  }, moves, { timeout: 20000 });
  const info = await gameInfo(page);
  check(!info.error, `the bot did not answer: ${info.error}`);
  return info;
}

// The stones drawn on the board: {black: [...vertices], white: [...]}, sorted.
const drawnStones = (page) => page.evaluate(() => {
  const list = (color) => [...document.querySelectorAll(`.stones .stone.${color}`)]
    .map((node) => node.dataset.vertex).sort();
  return { black: list('black'), white: list('white') };
});

// Waits for the page's scoring request to end; fails when it failed.
async function waitForScore(page) {
  await page.waitForFunction(() => {
    const scoring = window.dlgoPage.state.scoring;
    return scoring && (scoring.answer || scoring.failed);
  }, null, { timeout: 20000 });
  const info = await gameInfo(page);
  check(!info.error, `scoring failed: ${info.error}`);
}

// A legal point for the player to move, near the centre first, as a person would play.
async function freePoint(page) {
  return page.evaluate(() => {
    const game = window.dlgoPage.state.game;
    const centre = Math.floor(game.size / 2);
    const order = [];
    for (let row = 0; row < game.size; row++) {
      for (let col = 0; col < game.size; col++) order.push([row, col]);
    }
    order.sort((a, b) => (Math.abs(a[0] - centre) + Math.abs(a[1] - centre)) -
      (Math.abs(b[0] - centre) + Math.abs(b[1] - centre)) || a[0] - b[0] || a[1] - b[1]);
    for (const [row, col] of order) {
      if (game.isLegal(row, col)) return 'ABCDEFGHJKLMNOPQRSTUVWXYZ'[col] + (row + 1);
    }
    return null;
  });
}

// Plays a stone by clicking and waits for the bot's answer.
async function playAndWait(page) {
  const before = (await gameInfo(page)).moves;
  const vertex = await freePoint(page);
  check(vertex, 'no legal point left to click');
  await page.click(`.targets [data-vertex="${vertex}"]`);
  const info = await waitForBot(page, before + 2);
  return { vertex, info };
}

async function downloadSgf(page) {
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.click('[data-testid="download-sgf"]')]);
  check(download.suggestedFilename().endsWith('.sgf'), 'the download is not an .sgf file');
  return readFileSync(await download.path(), 'utf8');
}

// Chooses a file in the page's file picker and waits until the page has dealt with it.
async function uploadSgf(page, name, text) {
  const loads = await page.evaluate(() => window.dlgoPage.state.sgfLoads);
  await page.setInputFiles('[data-testid="load-sgf"]',
    { name, mimeType: 'application/x-go-sgf', buffer: Buffer.from(text) });
  await page.waitForFunction((count) => window.dlgoPage.state.sgfLoads > count, loads);
}

const screenshot = (page, name, extra = {}) =>
  page.screenshot({ path: path.join(options.out, name), animations: 'disabled', ...extra });

// ---------------------------------------------------------------------------------------
// The rules module

async function rulesModuleChecks(page) {
  const results = await page.evaluate(async () => {
    const rules = await import('/static/go_rules.js');
    const { gameFromSgf } = await import('/static/sgf.js');
    const { GoGame, BLACK, WHITE, EMPTY, parseVertex, toVertex, starPoints } = rules;
    const out = {};
    const play = (game, moves) => moves.forEach((m) => game.playVertex(m));

    // A corner capture: White A1 is taken by Black A2 + B1.
    let game = new GoGame(9);
    play(game, ['A2', 'A1', 'B1']);
    out.cornerCapture = game.at(0, 0) === EMPTY && game.captures[BLACK] === 1;

    // Suicide: Black may not play A1 inside White's A2/B1.
    game = new GoGame(9);
    play(game, ['E5', 'A2', 'E6', 'B1']);
    out.suicideRefused = !game.isLegal(0, 0) && /suicide/.test(game.check(0, 0).reason);

    // Ko: Black captures at the ko point; White's immediate recapture repeats a position, and
    // the page marks the point.
    game = new GoGame(9);
    play(game, ['B2', 'C2', 'A3', 'D3', 'B4', 'C4', 'pass', 'B3', 'C3']);
    out.koCapture = game.captures[BLACK] === 1 && game.at(2, 1) === EMPTY;
    out.koRefused = !game.isLegal(2, 1) && /ko/.test(game.check(2, 1).reason);
    out.koPoint = game.koPoint()?.row === 2 && game.koPoint()?.col === 1;
    play(game, ['J9', 'J1']);  // after a ko threat exchange the recapture is legal
    out.koLater = game.isLegal(2, 1) && game.koPoint() === null;

    // Multi-stone capture in the middle.
    game = new GoGame(9);
    play(game, ['D5', 'E5', 'D4', 'E4', 'F5', 'pass', 'F4', 'pass', 'E6', 'pass', 'E3']);
    out.groupCapture = game.captures[BLACK] === 2 && game.at(4, 4) === EMPTY && game.at(3, 4) === EMPTY;
    // Replaying fewer moves takes them back, captures included.
    const back = game.replay(9);
    out.replay = back.moves.length === 9 && back.captures[BLACK] === 0 && back.at(4, 4) === WHITE;

    // Area score: Black walls off columns A-C of a 5x5 board, White D-E.
    game = new GoGame(5, 0.5);
    play(game, ['C1', 'D1', 'C2', 'D2', 'C3', 'D3', 'C4', 'D4', 'C5', 'D5', 'pass', 'pass']);
    const score = game.score();
    out.score = score.blackArea === 15 && score.whiteArea === 10 && score.margin === 4.5 &&
      game.resultText() === 'B+4.5' && game.isOver;
    // A dead stone is taken off before counting: White's B2 inside Black's area.
    game = new GoGame(5, 0.5);
    play(game, ['C1', 'D1', 'C2', 'D2', 'C3', 'D3', 'C4', 'D4', 'C5', 'D5', 'pass', 'B2']);
    const chain = game.chainAt(1, 1);
    out.deadStone = game.scoreText() === 'W+6.5' && chain.length === 1 &&
      game.scoreText(new Set(chain)) === 'B+4.5' && game.score(new Set(chain)).owner[chain[0]] === BLACK;

    // Handicap: Black's stones, White first, HA/AB/KM in the SGF; an agreed result is RE.
    game = new GoGame(9, 0.5, rules.fixedHandicapPoints(9, 2));
    out.handicap = game.toMove === WHITE && game.at(6, 6) === BLACK && game.at(2, 2) === BLACK;
    play(game, ['E5', 'pass', 'pass']);
    game.agree('B+10.5');
    const handicapSgf = game.toSgf();
    out.handicapSgf = handicapSgf.includes('HA[2]AB[gc][cg]') && handicapSgf.includes('KM[0.5]') &&
      handicapSgf.includes('RE[B+10.5]') && handicapSgf.includes(';W[ee]');
    // ... and it reads back the same.
    const again = gameFromSgf(handicapSgf).game;
    out.sgfRoundTrip = again.gtpHandicap().join() === 'G7,C3' && again.gtpMoves().join() === 'E5,pass,pass' &&
      again.komi === 0.5 && again.bothPassed;

    // Coordinates skip I; rows count from the bottom.
    out.coords = toVertex(0, 8) === 'J1' && parseVertex(19, 'j10')?.col === 8 &&
      parseVertex(19, 'I5') === null && parseVertex(9, 'K1') === null && parseVertex(9, 'A10') === null;
    out.stars = starPoints(19).length === 9 && starPoints(9).length === 5 && starPoints(5).length === 1;

    // SGF: rows are written from the top, passes as empty values, RE after the end.
    game = new GoGame(9);
    play(game, ['C7', 'pass', 'pass']);
    const sgf = game.toSgf({ black: 'You', white: 'dlgo [bot]' });
    out.sgf = sgf.startsWith('(;GM[1]FF[4]') && sgf.includes('SZ[9]') && sgf.includes(';B[cc]') &&
      sgf.includes(';W[]') && sgf.includes('PW[dlgo [bot\\]]') && sgf.includes('RE[B+73.5]');

    // SGF reading: the main line of the first variation; each kind of bad file named.
    const read = gameFromSgf('(;GM[1]SZ[9]KM[6.5];B[ee](;W[cc];B[dd])(;W[gg]))').game;
    out.sgfMainLine = read.gtpMoves().join() === 'E5,C7,D6' && read.komi === 6.5;
    const refusal = (text) => {
      try { gameFromSgf(text); return ''; } catch (error) { return error.message; }
    };
    out.sgfRefusals = /not an SGF file/.test(refusal('hello')) &&
      /moves must alternate/.test(refusal('(;SZ[9];B[ee];B[dd])')) &&
      /not closed/.test(refusal('(;SZ[9];B[ee')) &&
      /AW .*not supported/.test(refusal('(;SZ[9]AW[aa];B[ee])')) &&
      /move 2 .*illegal: the point is taken/.test(refusal('(;SZ[9];B[ee];W[ee])')) &&
      /off a 9x9 board/.test(refusal('(;SZ[9];B[zz])')) &&
      /KM\[x\] is not a number/.test(refusal('(;SZ[9]KM[x])'));

    // Illegal input is refused with a message.
    game = new GoGame(9);
    play(game, ['E5']);
    try { game.playVertex('E5'); out.occupied = false; } catch (e) { out.occupied = /taken/.test(e.message); }
    try { game.playVertex('Z9'); out.unparsable = false; } catch (e) { out.unparsable = /not a point/.test(e.message); }
    return out;
  });
  for (const [name, ok] of Object.entries(results)) check(ok, `rules check '${name}' failed`);
}

// The page's fixed handicap placement is the engine's: every count on every board that takes
// one, against dlgo-gtp's fixed_handicap.
async function handicapMatchesEngine() {
  const { fixedHandicapPoints, maxFixedHandicap, toVertex } =
    await import(pathToFileURL(path.join(WEB_DIR, 'go_rules.js')).href);
  const cases = [];
  for (const size of [7, 8, 9, 10, 13, 19, 25]) {
    for (let stones = 2; stones <= maxFixedHandicap(size); stones++) cases.push([size, stones]);
  }
  // Too many stones and boards too small are refused by both.
  cases.push([9, 10], [5, 2], [8, 5]);
  const script = cases.map(([size, stones]) => `boardsize ${size}\nclear_board\nfixed_handicap ${stones}\n`)
    .join('') + 'quit\n';
  const gtp = spawnSync(options.gtp, ['--bot', 'random'], { input: script, encoding: 'utf8', timeout: 20000 });
  check(gtp.status === 0, `dlgo-gtp exited with ${gtp.status}: ${gtp.stderr}`);
  // Answers to boardsize, clear_board, fixed_handicap per case: take every third.
  const answers = gtp.stdout.split(/\n\n/).filter((text) => text.trim() !== '');
  check(answers.length === 3 * cases.length + 1, `dlgo-gtp gave ${answers.length} answers`);
  cases.forEach(([size, stones], i) => {
    const answer = answers[3 * i + 2].trim();
    let ours;
    try {
      ours = fixedHandicapPoints(size, stones).map(({ row, col }) => toVertex(row, col)).join(' ');
    } catch (error) {
      ours = null;
    }
    if (answer.startsWith('?')) {
      check(ours === null, `${size}x${size}, ${stones} stones: the engine refuses, the page places ${ours}`);
    } else {
      check(`= ${ours}` === answer, `${size}x${size}, ${stones} stones: the engine ${answer}, the page ${ours}`);
    }
  });
  check(cases.length > 40, `only ${cases.length} placements compared`);
}

// ---------------------------------------------------------------------------------------
// The pages

async function playPage(context, base, testCase) {
  const page = await openPage(context, base, testCase.page);
  const targets = await page.locator('.targets [data-vertex]').count();
  check(targets === testCase.size * testCase.size,
    `${testCase.page}: ${targets} points on the board, expected ${testCase.size}x${testCase.size}`);
  check((await page.title()).includes(testCase.bot), `${testCase.page}: the title names no bot`);
  if (testCase.bot === 'predict') {
    // A game of a size the bot does not play is refused.
    await uploadSgf(page, 'small.sgf', '(;GM[1]SZ[9];B[ee])');
    const error = await page.textContent('#error');
    check(/9×9 game; the predict bot plays 19×19/.test(error), `a 9x9 SGF on the predict page: '${error}'`);
    await page.click('#error button');
  }

  // Three moves by clicking; after each, the bot's answer must appear.
  for (let turn = 1; turn <= 3; turn++) {
    const vertex = await freePoint(page);
    check(vertex, 'no legal point left to click');
    await page.hover(`.targets [data-vertex="${vertex}"]`);
    check(await page.locator('.ghost .stone.hover').count() === 1, 'no hover stone under the pointer');
    await page.click(`.targets [data-vertex="${vertex}"]`);
    check(await page.locator(`.stones .stone.black[data-vertex="${vertex}"]`).count() === 1,
      `clicking ${vertex} put no black stone there`);
    const info = await waitForBot(page, 2 * turn);
    check(info.moves === 2 * turn, `after move ${turn}: ${info.moves} moves in the game, expected ${2 * turn}`);
    const botMove = info.gtp[info.gtp.length - 1];
    if (botMove !== 'pass') {
      check(await page.locator(`.stones .stone.white[data-vertex="${botMove}"]`).count() === 1,
        `the bot's move ${botMove} is not drawn`);
      check(await page.locator('.marks .last-move').count() === 1, 'no last-move marker');
    }
    const number = await page.textContent('[data-testid="move-number"]');
    check(number.includes(`Move ${2 * turn}`), `move number shows '${number}' after ${2 * turn} moves`);
  }
  check(await page.locator('.stones .stone.white').count() >= 1, "none of the bot's stones is on the board");
  const capturesShown = await page.textContent('#captures-black');
  check(/captured \d+/.test(capturesShown), `capture count not shown: '${capturesShown}'`);

  // The bot's thinking: a heat map of its candidates when it searched, a note when it has none.
  await page.click('label[for="show-thinking"]');
  await page.waitForSelector('#diagnostics:not([hidden])');
  if (testCase.heatMap || testCase.winRate) {
    if (testCase.heatMap) {
      check(await page.locator('.heat .heat-cell').count() >= 1, 'no heat map of the candidates');
    }
    if (testCase.winRate) {
      check(/\d+(\.\d)?%/.test(await page.textContent('#win-rate')), 'no win rate shown');
      check(await page.locator('[data-testid="win-rate-graph"] .dot').count() === 3,
        'the win-rate graph has not one point per bot move');
    }
  } else {
    const text = await page.textContent('#diagnostics');
    check(/no diagnostics/.test(text), `diagnostics panel says: ${text}`);
  }
  await screenshot(page, testCase.page.replace('.html', '_thinking.png'));

  // Pass: the bot answers (or the game ends if it passes too, and is scored).
  await page.click('[data-testid="pass"]');
  const afterPass = await waitForBot(page, 8);
  check(afterPass.over || afterPass.moves === 8, `after the pass: ${afterPass.moves} moves`);
  await screenshot(page, testCase.page.replace('.html', '.png'));

  // The SGF download holds every move.
  const sgf = await downloadSgf(page);
  check(sgf.startsWith('(;GM[1]FF[4]') && sgf.includes(`SZ[${testCase.size}]`) && sgf.includes('KM[7.5]'),
    `downloaded SGF looks wrong: ${sgf.slice(0, 80)}`);
  check((sgf.match(/;[BW]\[/g) || []).length === afterPass.moves,
    `the SGF has ${(sgf.match(/;[BW]\[/g) || []).length} moves, the game ${afterPass.moves}`);

  // Resigning ends the game with the result shown.
  if (!afterPass.over) {
    await page.click('[data-testid="resign"]');
    await page.waitForSelector('[data-testid="result"]:not([hidden])');
    const result = await page.textContent('#result-text');
    check(/White wins by resignation/.test(result), `result after resigning: ${result}`);
    check(await page.getAttribute('[data-testid="result"]', 'data-result') === 'W+R', 'RE is not W+R');
    check(await page.isDisabled('[data-testid="pass"]'), 'pass still enabled after the game ended');
  }

  // Playing White: chosen after the game, it waits for New game; then the bot opens.
  await page.selectOption('[data-testid="colour"]', 'white');
  check((await gameInfo(page)).moves === afterPass.moves, 'changing colour after a game ended it at once');
  await page.click('[data-testid="new-game"]');
  const asWhite = await waitForBot(page, 1);
  check(asWhite.moves === 1 && asWhite.toMove === 2, `as White: ${asWhite.moves} moves, to move ${asWhite.toMove}`);
  check(await page.locator('.stones .stone.black').count() <= 1, 'the new game kept old stones');
  check(await page.isHidden('[data-testid="result"]'), 'the old result is still shown');
  check(page.url().includes('colour=white'), `the address does not say colour=white: ${page.url()}`);
  await closePage(page);
}

// Handicap 4 on 9x9: four black stones where the engine puts them, the bot (White) moves
// first, komi 0.5, and the server is sent the stones.
async function handicapGame(context, base) {
  const page = await openPage(context, base, RANDOM_PAGE);
  await page.selectOption('[data-testid="handicap"]', '4');
  const info = await waitForBot(page, 1);
  const stones = await drawnStones(page);
  check(stones.black.join() === 'C3,C7,G3,G7', `handicap stones drawn: ${stones.black}`);
  check(info.moves === 1 && info.gtp.length === 1 && stones.white.length === (info.gtp[0] === 'pass' ? 0 : 1),
    `the bot did not move first: ${JSON.stringify(info.gtp)}, white stones ${stones.white}`);
  check(info.toMove === 1 && info.komi === 0.5, `after the bot's move: to move ${info.toMove}, komi ${info.komi}`);
  check(await page.inputValue('[data-testid="komi"]') === '0.5', 'the komi field does not show 0.5');
  const sent = page.requests.filter((r) => r.url.includes('/select-move/')).pop();
  check(sent && sent.body.handicap && sent.body.handicap.slice().sort().join() === 'C3,C7,G3,G7' &&
    sent.body.komi === 0.5 && sent.body.moves.length === 0,
  `the bot was asked with ${JSON.stringify(sent && sent.body)}`);
  check(page.url().includes('handicap=4'), `the address does not carry the handicap: ${page.url()}`);
  const sgf = await downloadSgf(page);
  check(/HA\[4\]AB(\[(cc|cg|gc|gg)\]){4}/.test(sgf) && sgf.includes('KM[0.5]'),
    `the SGF lacks HA, AB or KM: ${sgf.slice(0, 160)}`);
  // A move of ours: the game goes on with the bot answering.
  await playAndWait(page);
  await screenshot(page, 'handicap_4_random_99.png');
  await closePage(page);
}

// The 19x19 page with the address of the docs: handicap 4 at the 4-4 points, komi 0.5, the bot
// (White) first, at level 2 when the bot has one.
async function predictHandicapAddress(context, base) {
  const bots = await (await fetch(`${base}/bots`)).json();
  const bot = bots.bots.find((b) => b.name === 'predict');
  const hasLevel2 = (bot.levels || []).some((level) => level.level === 2);
  const page = await openPage(context, base, 'play_predict_19.html?handicap=4&komi=0.5&colour=black&level=2');
  const info = await waitForBot(page, 1);
  const stones = await drawnStones(page);
  check(stones.black.join() === 'D16,D4,Q16,Q4', `handicap 4 on 19x19: ${stones.black}`);
  check(info.moves === 1 && info.komi === 0.5 && info.human === 1,
    `after the bot's first move: ${JSON.stringify(info)}`);
  const sent = page.requests.find((r) => r.url.includes('/select-move/'));
  check(sent.body.handicap.length === 4 && (hasLevel2 ? sent.body.level === 2 : !('level' in sent.body)),
    `the first request: ${JSON.stringify(sent.body)}`);
  if (!hasLevel2) check(/level=2/.test(await page.textContent('#notice')), 'level=2 is not named as ignored');
  await playAndWait(page);
  await screenshot(page, 'handicap_4_predict_19.png');
  await closePage(page);
}

// The setup in the address applies: size, colour, handicap and komi; a bad value is named.
async function addressSetup(context, base) {
  let page = await openPage(context, base, `${RANDOM_PAGE}?size=13&handicap=9&komi=1.5&colour=white`);
  const info = await gameInfo(page);
  check(info.size === 13 && await page.locator('.targets [data-vertex]').count() === 169,
    `size=13 gave a ${info.size}x${info.size} board`);
  const stones = await drawnStones(page);
  check(stones.black.join() === 'D10,D4,D7,G10,G4,G7,K10,K4,K7', `handicap 9 on 13x13: ${stones.black}`);
  check(info.human === 2 && info.toMove === 2 && info.moves === 0 && info.komi === 1.5,
    `colour=white with handicap: ${JSON.stringify(info)}`);
  check(page.requests.length === 0, 'the bot was asked to move though White (the player) moves first');
  check(await page.inputValue('[data-testid="colour"]') === 'white' &&
    await page.inputValue('[data-testid="handicap"]') === '9' &&
    await page.inputValue('[data-testid="board-size"]') === '13', 'the setup controls do not show the address');
  await closePage(page);

  page = await openPage(context, base, `${RANDOM_PAGE}?handicap=12&komi=abc&colour=red`);
  const notice = await page.textContent('#notice');
  check(/handicap=12/.test(notice) && /komi=abc/.test(notice) && /colour=red/.test(notice),
    `the notice does not name the bad parameters: ${notice}`);
  const plain = await gameInfo(page);
  check(plain.handicap.length === 0 && plain.komi === 7.5 && plain.human === 1,
    `bad parameters changed the game: ${JSON.stringify(plain)}`);
  // The komi field refuses what is not a multiple of 0.5 and keeps the game's komi.
  await page.fill('[data-testid="komi"]', '6.3');
  await page.dispatchEvent('[data-testid="komi"]', 'change');
  check(/steps of 0.5/.test(await page.textContent('#setup-note')), 'no message for komi 6.3');
  check((await gameInfo(page)).komi === 7.5, 'komi 6.3 was taken');
  await page.fill('[data-testid="komi"]', '6.5');
  await page.dispatchEvent('[data-testid="komi"]', 'change');
  check((await gameInfo(page)).komi === 6.5 && page.url().includes('komi=6.5'), 'komi 6.5 was not taken');
  // Another board size from the setup: a new board at once (no move played yet).
  await page.selectOption('[data-testid="board-size"]', '19');
  check(await page.locator('.targets [data-vertex]').count() === 361 && (await gameInfo(page)).size === 19 &&
    page.url().includes('size=19'), 'choosing 19x19 did not give a 19x19 game');
  await closePage(page);
}

// Undo takes back the player's move and the bot's answer: position and SGF as before; after
// the bot passed (ending the game) it takes back both passes.
async function undoMoves(context, base) {
  const page = await openPage(context, base, RANDOM_PAGE);
  await playAndWait(page);
  const stonesBefore = await drawnStones(page);
  const sgfBefore = await downloadSgf(page);
  const { vertex, info } = await playAndWait(page);
  check(info.moves === 4, `${info.moves} moves after two turns`);
  await page.click('[data-testid="undo"]');
  const after = await gameInfo(page);
  check(after.moves === 2 && after.toMove === 1, `after undo: ${after.moves} moves, to move ${after.toMove}`);
  const stonesAfter = await drawnStones(page);
  check(JSON.stringify(stonesAfter) === JSON.stringify(stonesBefore),
    `undo left ${JSON.stringify(stonesAfter)}, before ${JSON.stringify(stonesBefore)} (played ${vertex})`);
  check(await downloadSgf(page) === sgfBefore, 'the SGF after undo differs from the SGF before the move');
  check((await page.textContent('[data-testid="move-number"]')).includes('Move 2'), 'move number not taken back');

  // A pass that the bot answers with a pass (it is ahead on the count): the game ends and is
  // being scored; undo takes both passes back and play goes on.
  await page.click('[data-testid="undo"]');
  check((await gameInfo(page)).moves === 0, 'undo to the start failed');
  check(await page.isDisabled('[data-testid="undo"]'), 'undo enabled with nothing to take back');
  await page.click('[data-testid="pass"]');
  const passed = await waitForBot(page, 2);
  check(passed.gtp.join() === 'pass,pass' && passed.over, `the bot did not pass back: ${passed.gtp}`);
  await page.waitForSelector('[data-testid="result"]:not([hidden])');
  await waitIdle(page);
  await page.click('[data-testid="undo"]');
  const resumed = await gameInfo(page);
  check(resumed.moves === 0 && !resumed.over && !resumed.scoring,
    `undo after the bot passed: ${JSON.stringify(resumed)}`);
  check(await page.isHidden('[data-testid="result"]'), 'the result is still shown after undo');
  await playAndWait(page);
  await closePage(page);
}

// A finished position on 9x9: Black's wall on column D and White's on E, and a White stone at
// B5 inside Black's side, in atari among A5, B4 and B6. With B5 dead White wins by 16.5, so the
// random bot (White, counting as the referee does) passes back when Black passes; with B5
// alive Black's side is neutral and White wins by 41.5.
const DEAD_STONE_GAME = (() => {
  const moves = [];
  for (let row = 1; row <= 9; row++) moves.push(`D${row}`, `E${row}`);
  moves.push('A5', 'pass', 'B4', 'pass', 'B6', 'B5');
  return moves;
})();
const sgfOf = (size, moves, extra = '') => {
  const point = (vertex) => {
    const col = LETTERS.indexOf(vertex[0]);
    const row = Number(vertex.slice(1)) - 1;
    return String.fromCharCode(97 + col) + String.fromCharCode(97 + size - 1 - row);
  };
  return `(;GM[1]FF[4]SZ[${size}]KM[7.5]${extra}` +
    moves.map((move, i) => `;${i % 2 ? 'W' : 'B'}[${move === 'pass' ? '' : point(move)}]`).join('') + ')';
};

// Two passes end the game; the page shows the server's dead stones and its result; flipping a
// group changes the result; accepting puts it into the SGF.
async function scoreGame(context, base) {
  const page = await openPage(context, base, RANDOM_PAGE);
  await uploadSgf(page, 'dead_stone.sgf', sgfOf(9, DEAD_STONE_GAME));
  const loaded = await gameInfo(page);
  check(loaded.moves === DEAD_STONE_GAME.length && loaded.toMove === 1 && !loaded.error,
    `the game did not load: ${JSON.stringify(loaded)}`);
  await page.click('[data-testid="pass"]');
  const ended = await waitForBot(page, DEAD_STONE_GAME.length + 2);
  check(ended.over && ended.gtp.slice(-2).join() === 'pass,pass', `the bot did not pass: ${ended.gtp.slice(-2)}`);
  await waitForScore(page);
  const server = await postJson(base, '/score/random', { board_size: 9, moves: ended.gtp, komi: 7.5 });
  const shown = await page.getAttribute('[data-testid="result"]', 'data-result');
  check(shown === server.result, `the page shows ${shown}, the server's /score says ${server.result}`);
  const deadDrawn = await page.evaluate(() =>
    [...document.querySelectorAll('.stones .stone.dead')].map((node) => node.dataset.vertex).sort());
  check(deadDrawn.join() === server.dead.slice().sort().join(),
    `dead stones drawn ${deadDrawn}, the server's ${server.dead}`);
  check(deadDrawn.includes('B5'), `the stone at B5 is not shown dead: ${deadDrawn}`);
  check(await page.locator('.territory rect').count() > 0, 'no territory drawn');
  await screenshot(page, 'scoring_random_99.png');

  // Flip B5 alive: Black's side is no longer Black's, and the result changes.
  check(shown === 'W+16.5', `with B5 dead: ${shown}`);
  await page.click('.targets [data-vertex="B5"]');
  const flipped = await page.getAttribute('[data-testid="result"]', 'data-result');
  check(flipped === 'W+41.5', `after flipping B5 alive: ${flipped} (before ${shown})`);
  check(await page.locator('.stones .stone.dead[data-vertex="B5"]').count() === 0, 'B5 still drawn dead');
  // ... and back.
  await page.click('.targets [data-vertex="B5"]');
  check(await page.getAttribute('[data-testid="result"]', 'data-result') === shown, 'flipping back did not restore');
  await page.click('.targets [data-vertex="B5"]');
  await page.click('[data-testid="accept-score"]');
  check(await page.getAttribute('[data-testid="result"]', 'data-final') === 'true',
    'the result is not final after accepting');
  const sgf = await downloadSgf(page);
  check(sgf.includes('RE[W+41.5]') && sgf.includes('KM[7.5]'), `the SGF's result: ${/RE\[[^\]]*\]/.exec(sgf)}`);
  await closePage(page);
}

// A seki in the top-left corner (the diagram of tests/eval/final_positions.h): Black's stones
// as setup stones, White's as moves with Black passing in between.
const CORNER_SEKI = [
  '.X.O.OX.X',
  'XXXOOOXXX',
  'OOOXXXX.X',
  '.OOXXXXXX',
  'OOOX.XX.X',
  'O.OXXXXXX',
  'OOOXX.XX.',
  '.OOXXXXXX',
  'OOOX.X.XX',
];

// Score now on a seki: the page marks the server's seki stones and shows its result.
async function scoreSeki(context, base) {
  const sgfPoint = (top, col) => String.fromCharCode(97 + col) + String.fromCharCode(97 + top);
  const stones = { X: [], O: [] };
  CORNER_SEKI.forEach((line, top) => [...line].forEach((c, col) => {
    if (c !== '.') stones[c].push(sgfPoint(top, col));
  }));
  const sgf = `(;GM[1]FF[4]SZ[9]KM[7.5]AB${stones.X.map((p) => `[${p}]`).join('')}` +
    stones.O.map((p) => `;W[${p}];B[]`).join('') + ')';
  const page = await openPage(context, base, RANDOM_PAGE);
  await uploadSgf(page, 'seki.sgf', sgf);
  const info = await gameInfo(page);
  check(!info.error && info.moves === 2 * stones.O.length && info.toMove === 2 && info.human === 2,
    `seki.sgf: ${JSON.stringify(info)}`);
  await page.click('[data-testid="score"]');
  await waitForScore(page);
  const server = await postJson(base, '/score/random',
    { board_size: 9, moves: info.gtp, komi: 7.5, handicap: info.handicap });
  check(Array.isArray(server.seki) && server.seki.length === 9, `the server's seki: ${server.seki}`);
  const marked = await page.evaluate(() =>
    [...document.querySelectorAll('.marks .seki-marker')].map((node) => node.dataset.vertex).sort());
  check(marked.join() === server.seki.slice().sort().join(), `seki marked ${marked}, the server's ${server.seki}`);
  const shown = await page.getAttribute('[data-testid="result"]', 'data-result');
  check(shown === server.result, `the page shows ${shown}, the server's /score ${server.result}`);
  check(/9 in seki/.test(await page.textContent('[data-testid="result"]')), 'the result does not mention the seki');
  await screenshot(page, 'seki_random_99.png');
  await closePage(page);
}

// "Score now" during a game asks the server and can be resumed.
async function scoreNow(context, base) {
  const page = await openPage(context, base, RANDOM_PAGE);
  await playAndWait(page);
  await page.click('[data-testid="score"]');
  await waitForScore(page);
  const info = await gameInfo(page);
  const server = await postJson(base, '/score/random', { board_size: 9, moves: info.gtp, komi: 7.5 });
  check(await page.getAttribute('[data-testid="result"]', 'data-result') === server.result,
    'score now shows another result than the server');
  await page.click('[data-testid="resume"]');
  check(!(await gameInfo(page)).scoring && await page.isEnabled('[data-testid="pass"]'), 'resume did not resume');
  await playAndWait(page);
  await closePage(page);
}

// Loading an SGF restores its position; a bad file leaves the game as it was, with a message.
async function loadSgf(context, base) {
  const page = await openPage(context, base, RANDOM_PAGE);
  await playAndWait(page);
  const before = await gameInfo(page);
  const stonesBefore = await drawnStones(page);
  for (const [name, text, message] of [
    ['broken.sgf', '(;GM[1]SZ[9];B[ee];W[ee', /not closed|ends inside/],
    ['illegal.sgf', '(;GM[1]SZ[9];B[ee];W[ee])', /move 2 .*illegal/],
    ['big.sgf', '(;GM[1]SZ[30];B[dd])', /SZ\[30\]: boards are 2 to 25 lines/],
    ['chess.sgf', '(;GM[3]SZ[8])', /GM\[3\] is not a game of Go/],
    ['not_sgf.sgf', 'PK\u0003\u0004 zip bytes', /not an SGF file/],
  ]) {
    await uploadSgf(page, name, text);
    const error = await page.textContent('#error');
    check(error.includes(`Could not load ${name}`) && message.test(error), `${name}: the page says '${error}'`);
    const after = await gameInfo(page);
    check(JSON.stringify(after.gtp) === JSON.stringify(before.gtp), `${name} changed the game`);
    check(JSON.stringify(await drawnStones(page)) === JSON.stringify(stonesBefore), `${name} changed the board`);
    await page.click('#error button');
  }
  // A game with a capture and a handicap: position, captures and turn as in the file.
  const text = '(;GM[1]FF[4]SZ[9]KM[0.5]HA[2]AB[gc][cg];W[ed];B[ee];W[ff];B[dd];W[bh];B[fd];W[ai];B[ec])';
  await uploadSgf(page, 'game.sgf', text);
  const info = await gameInfo(page);
  check(!info.error, `game.sgf: ${info.error}`);
  check(info.gtp.join() === 'E6,E5,F4,D6,B2,F6,A1,E7' && info.handicap.join() === 'G7,C3' && info.komi === 0.5,
    `game.sgf loaded as ${JSON.stringify(info)}`);
  const stones = await drawnStones(page);
  check(stones.black.join() === 'C3,D6,E5,E7,F6,G7' && stones.white.join() === 'A1,B2,F4',
    `game.sgf position: ${JSON.stringify(stones)}`);
  check((await page.textContent('#captures-black')).includes('captured 1'), 'the capture is not counted');
  check(info.human === 2 && info.toMove === 2, 'the player does not take the colour to move');
  check(await page.inputValue('[data-testid="handicap"]') === '2', 'the setup does not show the handicap');
  await playAndWait(page);
  // A ko just taken: the point White may not retake is marked.
  await uploadSgf(page, 'ko.sgf', sgfOf(9, ['B2', 'C2', 'A3', 'D3', 'B4', 'C4', 'pass', 'B3', 'C3']));
  check(await page.locator('.marks .ko-marker[data-vertex="B3"]').count() === 1, 'no ko marker at B3');
  await closePage(page);
}

// "Analyse this position": the bot's view without its move; the graph grows.
async function analysis(context, base) {
  const page = await openPage(context, base, CASES[1].page);
  await playAndWait(page);
  const before = await gameInfo(page);
  await page.click('[data-testid="analyse"]');
  await waitIdle(page);
  const after = await gameInfo(page);
  check(after.moves === before.moves && !after.error,
    `analysis changed the game: ${before.moves} -> ${after.moves} moves`);
  check(await page.locator('.heat .heat-cell').count() >= 1, 'no heat map after analysis');
  check(/\d+(\.\d)?%/.test(await page.textContent('#win-rate')), 'no win rate after analysis');
  check(/Analysis of move 2 \(Black to play\)/.test(await page.textContent('#diagnostics')),
    'the panel does not say what was analysed');
  check((await page.textContent('#best-line')).trim().split(/\s+/).length >= 2, 'no best line');
  check(await page.locator('[data-testid="win-rate-graph"] .dot').count() === 2,
    'the graph lacks the bot move and the analysis');
  await screenshot(page, 'analysis_mcts_55.png');
  await closePage(page);
}

// The bot's level: offered when the bot has levels (mcts: from quick to full), sent with each
// move and kept in the address; hidden for a bot without them (random).
async function levels(context, base) {
  const bots = await (await fetch(`${base}/bots`)).json();
  for (const name of ['random', 'mcts']) {
    const bot = bots.bots.find((b) => b.name === name);
    const levelList = bot.levels || [];
    check(name === 'random' ? levelList.length === 0 : levelList.length >= 2,
      `${name} has ${levelList.length} levels in /bots`);
    const page = await openPage(context, base, name === 'random' ? RANDOM_PAGE : CASES[1].page);
    if (levelList.length === 0) {
      check(await page.isHidden('[data-testid="level"]'), `${name} has no levels but the page offers some`);
      await playAndWait(page);
      const sent = page.requests.pop();
      check(!('level' in sent.body), `a level was sent for ${name}`);
    } else {
      check(await page.isVisible('[data-testid="level"]'), `${name} has levels but the page hides them`);
      check(await page.inputValue('[data-testid="level"]') === String(bot.default_level),
        `the level shown is not the default ${bot.default_level}`);
      const options = await page.locator('[data-testid="level"] option').allTextContents();
      check(options.length === levelList.length && options[0].includes(levelList[0].name),
        `level options ${options}`);
      const weakest = String(levelList[0].level);
      await page.selectOption('[data-testid="level"]', weakest);
      check(page.url().includes(`level=${weakest}`), `the address does not carry level ${weakest}`);
      await playAndWait(page);
      const sent = page.requests.pop();
      check(String(sent.body.level) === weakest, `the move was asked at level ${sent.body.level}`);
    }
    await closePage(page);
  }
}

// Every control can be reached with Tab, and the board plays from the keyboard.
async function keyboard(context, base) {
  const page = await openPage(context, base, RANDOM_PAGE);
  await playAndWait(page);  // so that Undo has something to take back
  const reached = new Set();
  await page.focus('a.home');
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.dataset?.testid || document.activeElement?.id);
    if (id) reached.add(id);
  }
  for (const id of ['board', 'pass', 'undo', 'resign', 'score', 'analyse', 'show-thinking', 'tap-preview',
    'board-size', 'colour', 'handicap', 'komi', 'new-game', 'download-sgf', 'load-sgf']) {
    check(reached.has(id), `Tab never reaches ${id} (reached ${[...reached].join(', ')})`);
  }
  await page.click('[data-testid="undo"]');
  await page.focus('#board');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  const info = await waitForBot(page, 2);
  check(info.gtp[0] === 'D5', `the keyboard played ${info.gtp[0]}, not D5 (left of the centre)`);
  await page.focus('[data-testid="undo"]');
  await page.keyboard.press('Enter');
  check((await gameInfo(page)).moves === 0, 'Enter on Undo did not undo');
  await closePage(page);
}

// A phone: the board fits, nothing scrolls sideways, and with tap-to-preview (on by default
// on 19x19) the first tap shows the stone and the second plays it.
async function phoneLayout(browser, base) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true,
    isMobile: true, deviceScaleFactor: 2 });
  const page = await openPage(context, base, `${RANDOM_PAGE}?size=19`);
  const box = await page.locator('#board').boundingBox();
  check(box.width >= 340 && box.x >= 0 && box.x + box.width <= 390,
    `the board does not fit a phone screen: ${JSON.stringify(box)}`);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  check(scrollWidth <= 390, `the page scrolls sideways on a phone (${scrollWidth}px wide)`);
  check(await page.isChecked('[data-testid="tap-preview"]'), 'tap-to-preview is off on 19x19');
  await page.tap('.targets [data-vertex="Q16"]');
  check(await page.locator('.ghost .stone.pending[data-vertex="Q16"]').count() === 1, 'the first tap shows no stone');
  check((await gameInfo(page)).moves === 0, 'the first tap played');
  await page.tap('.targets [data-vertex="Q16"]');
  const info = await waitForBot(page, 2);
  check(info.gtp[0] === 'Q16', `the second tap played ${info.gtp[0]}`);
  // The option off: one tap plays.
  await page.tap('label[for="tap-preview"]');
  check(!(await page.isChecked('[data-testid="tap-preview"]')), 'tap-to-preview did not turn off');
  const vertex = await freePoint(page);
  await page.tap(`.targets [data-vertex="${vertex}"]`);
  const again = await waitForBot(page, 4);
  check(again.gtp[2] === vertex, `one tap with the option off played ${again.gtp[2]}, not ${vertex}`);
  await screenshot(page, 'phone_play_random_19.png', { fullPage: true });
  await closePage(page);
  await context.close();
}

// Pages whose bot this server does not have (no agent file given): the board and controls
// must still draw, and the hover stone follow the pointer, before any move is sent.
async function layoutOnly(context, base, page, size) {
  const tab = await context.newPage();
  await tab.goto(`${base}/static/${page}`);
  await tab.waitForFunction(() => window.dlgoPage && window.dlgoPage.ready);
  const targets = await tab.locator('.targets [data-vertex]').count();
  check(targets === size * size, `${page}: ${targets} points, expected ${size * size}`);
  check(await tab.locator('svg.board .star').count() === (size === 19 ? 9 : 5), `${page}: star points`);
  const centre = 'ABCDEFGHJKLMNOPQRST'[Math.floor(size / 2)] + (Math.floor(size / 2) + 1);
  await tab.hover(`.targets [data-vertex="${centre}"]`);
  check(await tab.locator(`.ghost .stone[data-vertex="${centre}"]`).count() === 1, `${page}: no hover stone`);
  await screenshot(tab, page.replace('.html', '_empty.png'));
  await tab.close();
}

// The book's 19x19 page names "zero predict": the search bot when the server has one, else the
// raw policy, which stays playable with ?bot=predict; the bot list links each to its own.
async function strongestBotOnBookPage(context, base) {
  for (const [address, bot] of [['play_predict_19.html', 'zero'], ['play_predict_19.html?bot=predict', 'predict']]) {
    const tab = await openPage(context, base, address);
    check((await tab.title()).includes(`the ${bot} bot`), `${address}: title "${await tab.title()}", expected the ${bot} bot`);
    await tab.locator('.targets [data-vertex="Q16"]').click();
    await tab.waitForFunction(() => !window.dlgoPage.state.thinking && window.dlgoPage.state.game.moves.length === 2);
    const asked = tab.requests.filter((r) => r.url.includes('/select-move/')).map((r) => new URL(r.url).pathname);
    check(asked.length === 1 && asked[0] === `/select-move/${bot}`, `${address}: asked ${asked.join(', ')}, expected /select-move/${bot}`);
    check(tab.problems.length === 0, `${address}: ${tab.problems.join('; ')}`);
    await tab.close();
  }
  const index = await context.newPage();
  await index.goto(`${base}/`);
  for (const href of ['/static/play_predict_19.html', '/static/play_predict_19.html?bot=predict']) {
    check(await index.locator(`a.bot-link[href="${href}"]`).count() === 1, `/ has no link to ${href}`);
  }
  await index.close();
}

async function main() {
  mkdirSync(options.out, { recursive: true });
  const server = await startServer(CASES.flatMap((c) => c.serverArgs).concat(options.serverArgs));
  const zeroServer = ZERO_AGENT
    ? await startServer(['--predict-agent', process.env.DLGO_PREDICT_AGENT, '--zero-agent',
      ZERO_AGENT, '--seconds-per-move', '0.2'])
    : null;
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: options.chromium,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
    const base = server.base;
    const page = await context.newPage();
    await page.goto(`${base}/static/${CASES[0].page}`);
    await step('rules module (captures, suicide, ko, score, dead stones, handicap, SGF)',
      () => rulesModuleChecks(page));
    await page.close();
    await step('handicap placement is the engine\'s (dlgo-gtp fixed_handicap)', handicapMatchesEngine);
    for (const testCase of CASES) {
      await step(`${testCase.page}: play, bot answers, pass, SGF, resign, play White`,
        () => playPage(context, base, testCase));
    }
    await step('handicap 4: four black stones, the bot moves first', () => handicapGame(context, base));
    await step('the setup in the address applies; bad values are named', () => addressSetup(context, base));
    if (process.env.DLGO_PREDICT_AGENT) {
      await step('19x19: handicap 4, komi 0.5 and level 2 from the address',
        () => predictHandicapAddress(context, base));
    }
    await step('undo: position and SGF back; after the bot passed', () => undoMoves(context, base));
    await step('two passes: the server\'s dead stones and result; flip a group; accept',
      () => scoreGame(context, base));
    await step('score now, then resume', () => scoreNow(context, base));
    await step('score now on a seki: the server\'s seki stones marked, its result', () => scoreSeki(context, base));
    await step('load SGF: the position; bad files leave the game', () => loadSgf(context, base));
    await step('analyse this position: no move, heat map, win rate, graph', () => analysis(context, base));
    await step('bot levels: offered when the bot has them, sent with moves', () => levels(context, base));
    await step('keyboard: every control reachable, the board playable', () => keyboard(context, base));
    await step('phone: fits the screen, tap to preview, tap again to play', () => phoneLayout(browser, base));
    for (const [page, size] of [['play_predict_19.html', 19], ['play_pg_99.html', 9], ['play_q_99.html', 9]]) {
      if (CASES.some((c) => c.page === page)) continue;
      await step(`${page}: board and hover stone (no agent file: no moves)`,
        () => layoutOnly(context, base, page, size));
    }
    if (zeroServer) {
      await step('play_predict_19.html plays the zero bot when served; ?bot=predict the raw policy',
        () => strongestBotOnBookPage(context, zeroServer.base));
    }
    await step('bot list at /', async () => {
      const index = await context.newPage();
      await index.goto(`${base}/`);
      for (const testCase of CASES) {
        check(await index.locator(`a.bot-link[href^="/static/${testCase.page}"]`).count() === 1,
          `/ has no link to ${testCase.page}`);
      }
      await index.screenshot({ path: path.join(options.out, 'index.png') });
      await index.close();
    });
  } finally {
    if (browser) await browser.close();
    if (zeroServer) await stopServer(zeroServer);
    const code = await stopServer(server);
    if (code !== 0) {
      failures.push('server exit');
      console.log(`FAIL dlgo-serve exited with ${code} after SIGTERM\n${server.output()}`);
    }
  }
  console.log(`screenshots in ${options.out}`);
  console.log(`${passed} passed, ${failures.length} failed`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((error) => {
  console.error(`browser test: ${error.stack || error.message}`);
  process.exit(1);
});
