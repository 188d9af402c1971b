// Plays the dlgo-serve pages in headless Chromium: starts the real server, checks the page's
// rules module, then on each page clicks three moves, waits for the bot's answers, shows the
// bot's thinking, passes, downloads the SGF, resigns, starts again as White, and saves
// screenshots. Exits non-zero with a message on the first failure.
//
//   node play_pages_test.mjs --server path/to/dlgo-serve --out screenshot/dir
//        [--server-arg ARG ...] [--chromium /usr/bin/chromium]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

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

const options = parseArguments(process.argv.slice(2));
const failures = [];
let passed = 0;

function parseArguments(argv) {
  const result = { server: null, out: null, serverArgs: [], chromium: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    if (argv[i] === '--server') result.server = next();
    else if (argv[i] === '--out') result.out = next();
    else if (argv[i] === '--server-arg') result.serverArgs.push(next());
    else if (argv[i] === '--chromium') result.chromium = next();
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!result.server || !result.out) throw new Error('usage: --server DLGO_SERVE --out DIR');
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

// The page's own view of the game, read through the hook play.js leaves on window.
const gameInfo = (page) => page.evaluate(() => {
  const { state } = window.dlgoPage;
  return {
    moves: state.game.moves.length,
    over: state.game.isOver,
    thinking: state.thinking,
    error: state.error && state.error.message,
    toMove: state.game.toMove,
    gtp: state.game.gtpMoves(),
  };
});

async function waitForBot(page, moves) {
  await page.waitForFunction((count) => {
    const { state } = window.dlgoPage;
    return !state.thinking && (state.game.moves.length >= count || state.game.isOver || state.error);
  }, moves, { timeout: 20000 });
  const info = await gameInfo(page);
  check(!info.error, `the bot did not answer: ${info.error}`);
  return info;
}

// The first of `preferred` (then any point) that is empty and legal for the player to move.
async function freePoint(page) {
  return page.evaluate(() => {
    const { state } = window.dlgoPage;
    const game = state.game;
    const centre = Math.floor(game.size / 2);
    const order = [];
    for (let row = 0; row < game.size; row++) {
      for (let col = 0; col < game.size; col++) order.push([row, col]);
    }
    // Near the centre first, as a person would play.
    order.sort((a, b) => (Math.abs(a[0] - centre) + Math.abs(a[1] - centre)) -
      (Math.abs(b[0] - centre) + Math.abs(b[1] - centre)) || a[0] - b[0] || a[1] - b[1]);
    for (const [row, col] of order) {
      if (game.isLegal(row, col)) {
        return 'ABCDEFGHJKLMNOPQRSTUVWXYZ'[col] + (row + 1);
      }
    }
    return null;
  });
}

async function rulesModuleChecks(page) {
  const results = await page.evaluate(async () => {
    const rules = await import('/static/go_rules.js');
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

    // Ko: Black captures at the ko point; White's immediate recapture repeats a position.
    game = new GoGame(9);
    play(game, ['B2', 'C2', 'A3', 'D3', 'B4', 'C4', 'pass', 'B3', 'C3']);
    out.koCapture = game.captures[BLACK] === 1 && game.at(2, 1) === EMPTY;
    out.koRefused = !game.isLegal(2, 1) && /ko/.test(game.check(2, 1).reason);
    play(game, ['J9', 'J1']);  // after a ko threat exchange the recapture is legal
    out.koLater = game.isLegal(2, 1);

    // Multi-stone capture in the middle.
    game = new GoGame(9);
    play(game, ['D5', 'E5', 'D4', 'E4', 'F5', 'pass', 'F4', 'pass', 'E6', 'pass', 'E3']);
    out.groupCapture = game.captures[BLACK] === 2 && game.at(4, 4) === EMPTY && game.at(3, 4) === EMPTY;

    // Area score: Black walls off columns A-C of a 5x5 board, White D-E.
    game = new GoGame(5, 0.5);
    play(game, ['C1', 'D1', 'C2', 'D2', 'C3', 'D3', 'C4', 'D4', 'C5', 'D5', 'pass', 'pass']);
    const score = game.score();
    out.score = score.blackArea === 15 && score.whiteArea === 10 && score.margin === 4.5 &&
      game.resultText() === 'B+4.5' && game.isOver;

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

    // Illegal input is refused with a message.
    game = new GoGame(9);
    play(game, ['E5']);
    try { game.playVertex('E5'); out.occupied = false; } catch (e) { out.occupied = /taken/.test(e.message); }
    try { game.playVertex('Z9'); out.unparsable = false; } catch (e) { out.unparsable = /not a point/.test(e.message); }
    return out;
  });
  for (const [name, ok] of Object.entries(results)) check(ok, `rules check '${name}' failed`);
}

async function playPage(context, base, testCase) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
  });
  await page.goto(`${base}/static/${testCase.page}`);
  await page.waitForSelector(`.targets [data-vertex]`);
  const targets = await page.locator('.targets [data-vertex]').count();
  check(targets === testCase.size * testCase.size,
    `${testCase.page}: ${targets} points on the board, expected ${testCase.size}x${testCase.size}`);
  check((await page.title()).includes(testCase.bot), `${testCase.page}: the title names no bot`);

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
  }
  const whiteStones = await page.locator('.stones .stone.white').count();
  check(whiteStones >= 1, "none of the bot's stones is on the board");
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
    }
  } else {
    const text = await page.textContent('#diagnostics');
    check(/no diagnostics/.test(text), `diagnostics panel says: ${text}`);
  }
  await page.screenshot({ path: path.join(options.out, testCase.page.replace('.html', '_thinking.png')),
    animations: 'disabled' });

  // Pass: the bot answers (or the game ends if it passes too).
  await page.click('#pass');
  const afterPass = await waitForBot(page, 8);
  check(afterPass.over || afterPass.moves === 8, `after the pass: ${afterPass.moves} moves`);
  await page.screenshot({ path: path.join(options.out, testCase.page.replace('.html', '.png')),
    animations: 'disabled' });

  // The SGF download holds every move.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-sgf')]);
  const sgf = readFileSync(await download.path(), 'utf8');
  check(sgf.startsWith('(;GM[1]FF[4]') && sgf.includes(`SZ[${testCase.size}]`),
    `downloaded SGF looks wrong: ${sgf.slice(0, 80)}`);
  check((sgf.match(/;[BW]\[/g) || []).length === afterPass.moves,
    `the SGF has ${(sgf.match(/;[BW]\[/g) || []).length} moves, the game ${afterPass.moves}`);
  check(download.suggestedFilename().endsWith('.sgf'), 'the download is not an .sgf file');

  // Resigning ends the game with the result shown.
  if (!afterPass.over) {
    await page.click('#resign');
    await page.waitForSelector('#result:not([hidden])');
    const result = await page.textContent('#result-text');
    check(/White wins by resignation/.test(result), `result after resigning: ${result}`);
    check(await page.isDisabled('#pass'), 'pass still enabled after the game ended');
  }

  // Playing White: a new game where the bot opens.
  await page.click('label[for="color-white"]');
  const asWhite = await waitForBot(page, 1);
  check(asWhite.moves === 1 && asWhite.toMove === 2, `as White: ${asWhite.moves} moves, to move ${asWhite.toMove}`);
  check(await page.locator('.stones .stone.black').count() <= 1, 'the new game kept old stones');
  check(await page.isHidden('#result'), 'the old result is still shown');

  check(problems.length === 0, `the page reported problems: ${problems.join('; ')}`);
  await page.close();
}

// Pages whose bot this server does not have (no agent file given): the board and controls
// must still draw, and the hover stone follow the pointer, before any move is sent.
async function layoutOnly(context, base, page, size) {
  const tab = await context.newPage();
  await tab.goto(`${base}/static/${page}`);
  await tab.waitForSelector('.targets [data-vertex]');
  const targets = await tab.locator('.targets [data-vertex]').count();
  check(targets === size * size, `${page}: ${targets} points, expected ${size * size}`);
  check(await tab.locator('svg.board .star').count() === (size === 19 ? 9 : 5), `${page}: star points`);
  const centre = 'ABCDEFGHJKLMNOPQRST'[Math.floor(size / 2)] + (Math.floor(size / 2) + 1);
  await tab.hover(`.targets [data-vertex="${centre}"]`);
  check(await tab.locator(`.ghost .stone[data-vertex="${centre}"]`).count() === 1, `${page}: no hover stone`);
  await tab.screenshot({ path: path.join(options.out, page.replace('.html', '_empty.png')), animations: 'disabled' });
  await tab.close();
}

async function phoneLayout(context, base) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/static/${CASES[0].page}`);
  await page.waitForSelector('.targets [data-vertex]');
  const box = await page.locator('#board').boundingBox();
  check(box.width >= 340 && box.x >= 0 && box.x + box.width <= 390,
    `the board does not fit a phone screen: ${JSON.stringify(box)}`);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  check(scrollWidth <= 390, `the page scrolls sideways on a phone (${scrollWidth}px wide)`);
  await page.screenshot({ path: path.join(options.out, 'phone_play_random_99.png'), fullPage: true,
    animations: 'disabled' });
  await page.close();
}

async function main() {
  mkdirSync(options.out, { recursive: true });
  const server = await startServer(CASES.flatMap((c) => c.serverArgs).concat(options.serverArgs));
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'dlgo-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: options.chromium,
      headless: true,
      acceptDownloads: true,
      viewport: { width: 1200, height: 860 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await context.newPage();
    await page.goto(`${server.base}/static/${CASES[0].page}`);
    await step('rules module (captures, suicide, ko, score, SGF)', () => rulesModuleChecks(page));
    await page.close();
    for (const testCase of CASES) {
      await step(`${testCase.page}: play, bot answers, pass, SGF, resign, play White`,
        () => playPage(context, server.base, testCase));
    }
    await step('phone-sized screen', () => phoneLayout(context, server.base));
    for (const [page, size] of [['play_predict_19.html', 19], ['play_pg_99.html', 9], ['play_q_99.html', 9]]) {
      if (CASES.some((c) => c.page === page)) continue;
      await step(`${page}: board and hover stone (no agent file: no moves)`,
        () => layoutOnly(context, server.base, page, size));
    }
    await step('bot list at /', async () => {
      const index = await context.newPage();
      await index.goto(`${server.base}/`);
      for (const testCase of CASES) {
        check(await index.locator(`a.bot-link[href="/static/${testCase.page}"]`).count() === 1,
          `/ has no link to ${testCase.page}`);
      }
      await index.screenshot({ path: path.join(options.out, 'index.png') });
      await index.close();
    });
  } finally {
    if (context) await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
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
