#!/usr/bin/env python3
"""PyTorch reference for `dlgo-bench train-step`: the same networks, batch, synthetic inputs
and SGD step, timed the same way, so the two figures can be compared as a ratio on one machine.

    python3 tools/bench/train_step_reference.py --network small --batch-size 128 --threads 2
    python3 tools/bench/train_step_reference.py --network resnet --device cuda --amp

Needs PyTorch (Debian's python3-torch on CPU; any CUDA build for --device cuda). Networks follow
net/torch/networks.cpp layer for layer. On CUDA each step ends with a synchronize, as in
`dlgo-bench train-step`, and cuDNN picks its algorithms by benchmark, as in `dlgo-train`.
"""
import argparse
import contextlib
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

BOOK = {
    "small": ([(48, 7), (32, 5), (32, 5), (32, 5)], 512),
    "medium": ([(64, 5), (64, 5), (64, 3), (64, 3), (64, 3)], 512),
    "large": ([(64, 7), (64, 5), (64, 5), (48, 5), (48, 5), (32, 5), (32, 5)], 1024),
}


class Residual(nn.Module):
    def __init__(self, filters):
        super().__init__()
        self.conv1 = nn.Conv2d(filters, filters, 3, padding=1, bias=False)
        self.norm1 = nn.BatchNorm2d(filters)
        self.conv2 = nn.Conv2d(filters, filters, 3, padding=1, bias=False)
        self.norm2 = nn.BatchNorm2d(filters)

    def forward(self, x):
        y = F.relu(self.norm1(self.conv1(x)))
        return F.relu(x + self.norm2(self.conv2(y)))


def build(name, planes, size, blocks, filters):
    points = size * size
    if name == "resnet":
        return nn.Sequential(
            nn.Conv2d(planes, filters, 3, padding=1, bias=False), nn.BatchNorm2d(filters), nn.ReLU(),
            *[Residual(filters) for _ in range(blocks)],
            nn.Conv2d(filters, 2, 1, bias=False), nn.BatchNorm2d(2), nn.ReLU(), nn.Flatten(),
            nn.Linear(2 * points, points))
    convs, dense = BOOK[name]
    layers, channels = [], planes
    for out, kernel in convs:
        layers += [nn.Conv2d(channels, out, kernel, padding=kernel // 2), nn.ReLU()]
        channels = out
    layers += [nn.Flatten(), nn.Linear(channels * points, dense), nn.ReLU(), nn.Linear(dense, points)]
    return nn.Sequential(*layers)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--network", default="small", choices=["small", "medium", "large", "resnet"])
    parser.add_argument("--blocks", type=int, default=6)
    parser.add_argument("--filters", type=int, default=64)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--board-size", type=int, default=19)
    parser.add_argument("--planes", type=int, default=7)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--channels-last", action="store_true",
                        help="network and inputs in channels-last memory (dlgo-train's CPU default)")
    parser.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N")
    parser.add_argument("--amp", action="store_true", help="bfloat16 autocast (CUDA only)")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    cuda = device.type == "cuda"
    if args.amp and not cuda:
        parser.error("--amp needs a CUDA device")
    torch.backends.cudnn.benchmark = True
    torch.manual_seed(1)
    model = build(args.network, args.planes, args.board_size, args.blocks, args.filters).to(device)
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    inputs = torch.randint(0, 2, (args.batch_size, args.planes, args.board_size, args.board_size)).float().to(device)
    labels = torch.randint(0, args.board_size ** 2, (args.batch_size,)).to(device)
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
        inputs = inputs.contiguous(memory_format=torch.channels_last)

    def step():
        optimizer.zero_grad()
        with torch.autocast("cuda", dtype=torch.bfloat16) if args.amp else contextlib.nullcontext():
            loss = F.cross_entropy(model(inputs).float(), labels)
        loss.backward()
        optimizer.step()
        if cuda:
            torch.cuda.synchronize(device)

    for _ in range(3):
        step()
    steps, start = 0, time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        step()
        steps += 1
    elapsed = time.perf_counter() - start
    params = sum(p.numel() for p in model.parameters())
    print(f"pytorch train-step: {args.network} ({params} parameters), batch {args.batch_size}, "
          f"{args.board_size}x{args.board_size}, {args.planes} input planes, {device}, "
          f"{'bf16 autocast' if args.amp else 'fp32'}, {torch.get_num_threads()} threads, "
          f"{'channels-last' if args.channels_last else 'contiguous'}")
    print(f"  steps        {steps} in {elapsed:.2f} s")
    print(f"  samples/s    {steps * args.batch_size / elapsed:.1f}")
    print(f"  ms/step      {1e3 * elapsed / steps:.2f}")


if __name__ == "__main__":
    main()
