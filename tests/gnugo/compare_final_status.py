#!/usr/bin/env python3
"""Compares dlgo's end-of-game estimate with GNU Go's on the final positions of finished games.

For every SGF file given (folders are searched for *.sgf) whose game ended with two passes,
both engines load the game over GTP (`loadsgf`) and answer `final_status_list dead` and
`final_score`; dlgo-gtp's answers are those of POST /score (one implementation). GNU Go runs
with --chinese-rules, so both count area. Prints each disagreement and a summary:

  games, games with the same dead stones, same result, same winner, and stones judged alike.

Usage:
  tests/gnugo/compare_final_status.py [--dlgo-gtp build/bin/dlgo-gtp] [--gnugo gnugo]
                                      [--gnugo-level 10] [--verbose] SGF_OR_FOLDER...

Exit status 0 when it ran (disagreements are reported, not failures), 1 for bad input, 2 for a
bad command line.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys


class Gtp:
    """A GTP engine on pipes, one command at a time."""

    def __init__(self, command):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True)

    def ask(self, command):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        lines = []
        while True:
            line = self.process.stdout.readline()
            if line == "":
                raise RuntimeError("engine exited on: " + command)
            if line.strip() == "" and lines:
                break
            if line.strip() != "" or lines:
                lines.append(line.rstrip("\n"))
        text = "\n".join(lines)
        if not text.startswith("="):
            raise RuntimeError(command + ": " + text)
        return text[1:].strip()

    def close(self):
        try:
            self.ask("quit")
        except (RuntimeError, BrokenPipeError):
            pass
        self.process.wait(timeout=10)


def sgf_files(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in os.walk(path):
                for name in sorted(names):
                    if name.endswith(".sgf"):
                        yield os.path.join(root, name)
        else:
            yield path


def ended_by_two_passes(text):
    moves = re.findall(r";\s*([BW])\[([a-z]*)\]", text)
    return len(moves) >= 2 and moves[-1][1] in ("", "tt") and moves[-2][1] in ("", "tt")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="SGF files or folders of them")
    parser.add_argument("--dlgo-gtp", default="build/bin/dlgo-gtp")
    parser.add_argument("--gnugo", default=shutil.which("gnugo") or "/usr/games/gnugo")
    parser.add_argument("--gnugo-level", type=int, default=10)
    parser.add_argument("--verbose", action="store_true", help="print every game")
    args = parser.parse_args()
    for program in (args.dlgo_gtp, args.gnugo):
        if not (os.path.isfile(program) and os.access(program, os.X_OK)):
            print("compare_final_status: cannot run " + program, file=sys.stderr)
            return 1

    ours = Gtp([args.dlgo_gtp, "--bot", "random"])
    theirs = Gtp([args.gnugo, "--mode", "gtp", "--chinese-rules", "--level",
                  str(args.gnugo_level)])
    games = same_dead = same_result = same_winner = 0
    stones = stones_alike = 0
    try:
        for path in sgf_files(args.paths):
            with open(path, encoding="utf-8", errors="replace") as file:
                if not ended_by_two_passes(file.read()):
                    continue
            answers = []
            for engine in (ours, theirs):
                engine.ask("loadsgf " + os.path.abspath(path))
                dead = set(engine.ask("final_status_list dead").split())
                answers.append((dead, engine.ask("final_score")))
            (our_dead, our_score), (their_dead, their_score) = answers
            on_board = set(ours.ask("list_stones black").split()) | set(
                ours.ask("list_stones white").split())
            games += 1
            stones += len(on_board)
            stones_alike += len(on_board) - len(our_dead ^ their_dead)
            same_dead += our_dead == their_dead
            same_result += our_score == their_score
            same_winner += our_score[:1] == their_score[:1]
            if args.verbose or our_dead != their_dead or our_score != their_score:
                print("%s: dlgo %s, GNU Go %s" % (path, our_score, their_score))
                if our_dead - their_dead:
                    print("  dead for dlgo only:   " + " ".join(sorted(our_dead - their_dead)))
                if their_dead - our_dead:
                    print("  dead for GNU Go only: " + " ".join(sorted(their_dead - our_dead)))
    finally:
        ours.close()
        theirs.close()
    if games == 0:
        print("compare_final_status: no game that ended with two passes", file=sys.stderr)
        return 1
    print("games %d: same dead stones %d (%.0f%%), same result %d (%.0f%%), same winner %d "
          "(%.0f%%); stones judged alike %d of %d (%.2f%%)" %
          (games, same_dead, 100.0 * same_dead / games, same_result, 100.0 * same_result / games,
           same_winner, 100.0 * same_winner / games, stones_alike, stones,
           100.0 * stones_alike / max(1, stones)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
