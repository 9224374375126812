"""PyTorch reference for the seed models, on the same IDX files and the same CPU.

usage: /usr/bin/python3 scripts/torch_ref.py MODEL N_TRAIN BATCH EPOCHS [THREADS] [IDX_DIR] [SEED]
prints one line per epoch: train samples/s and test accuracy, then eval samples/s.
Models and hyper-parameters follow the seed notebooks."""
import sys, time, numpy as np, torch, torch.nn as nn, torch.nn.functional as F

D = sys.argv[6] if len(sys.argv) > 6 else '/tmp/mnist'
def idx(path, off):
    return np.fromfile(path, dtype=np.uint8)[off:]

def load(prefix, n, norm):
    x = idx(f'{D}/{prefix}-images-idx3-ubyte', 16).reshape(-1, 1, 28, 28)[:n].astype(np.float32) / 255.0
    if norm: x = (x - 0.5) / 0.5
    y = idx(f'{D}/{prefix}-labels-idx1-ubyte', 8)[:n].astype(np.int64)
    return torch.from_numpy(x), torch.from_numpy(y)

class LeNet(nn.Module):          # seed 004
    def __init__(s):
        super().__init__(); s.c1=nn.Conv2d(1,6,5,padding=2); s.c2=nn.Conv2d(6,16,5)
        s.f1=nn.Linear(400,120); s.f2=nn.Linear(120,84); s.f3=nn.Linear(84,10)
    def forward(s,x):
        x=F.max_pool2d(F.relu(s.c1(x)),2); x=F.max_pool2d(F.relu(s.c2(x)),2); x=x.flatten(1)
        return s.f3(F.relu(s.f2(F.relu(s.f1(x)))))

class CnnBasic(nn.Module):       # seed 000 (pytorch/examples mnist Net)
    def __init__(s):
        super().__init__(); s.c1=nn.Conv2d(1,32,3); s.c2=nn.Conv2d(32,64,3)
        s.d1=nn.Dropout2d(0.25); s.d2=nn.Dropout2d(0.5); s.f1=nn.Linear(9216,128); s.f2=nn.Linear(128,10)
    def forward(s,x):
        x=F.relu(s.c2(F.relu(s.c1(x)))); x=s.d1(F.max_pool2d(x,2)).flatten(1)
        return F.log_softmax(s.f2(s.d2(F.relu(s.f1(x)))),dim=1)

class CnnWide(nn.Module):        # seed 001
    def __init__(s):
        super().__init__(); s.c1=nn.Conv2d(1,150,5,padding=2); s.c2=nn.Conv2d(150,64,5,padding=2)
        s.f1=nn.Linear(3136,1024); s.f2=nn.Linear(1024,500); s.f3=nn.Linear(500,10)
    def forward(s,x):
        x=F.max_pool2d(F.relu(s.c1(x)),2); x=F.max_pool2d(F.relu(s.c2(x)),2).flatten(1)
        x=F.dropout(F.relu(s.f1(x)),training=s.training); x=F.dropout(F.relu(s.f2(x)),training=s.training)
        return F.log_softmax(s.f3(x),dim=1)

class CnnPad(nn.Module):         # seed 002
    def __init__(s):
        super().__init__(); s.c1=nn.Conv2d(1,32,3,1,1); s.c2=nn.Conv2d(32,64,3,1,1)
        s.f1=nn.Linear(3136,128); s.f2=nn.Linear(128,10)
    def forward(s,x):
        x=F.max_pool2d(F.relu(s.c1(x)),2); x=F.max_pool2d(F.relu(s.c2(x)),2).flatten(1)
        return s.f2(s.f1(x))

class SpeedrunCnn(nn.Module):    # the MNIST speedrun's CNN (tuomaso/train_mnist_fast); zoo model speedrun-cnn
    def __init__(s):
        super().__init__(); s.c1=nn.Conv2d(1,24,5); s.c2=nn.Conv2d(24,32,3); s.f1=nn.Linear(800,256); s.f2=nn.Linear(256,10)
    def forward(s,x):
        x=F.relu(F.max_pool2d(s.c1(x),2)); x=F.relu(F.max_pool2d(s.c2(x),2)).flatten(1)   # pool before ReLU, as the speedrun
        return s.f2(F.relu(s.f1(x)))

def Mlp():                       # seed 003
    return nn.Sequential(nn.Flatten(), nn.Linear(784,128), nn.ReLU(), nn.Linear(128,128), nn.ReLU(),
                         nn.Linear(128,64), nn.ReLU(), nn.Linear(64,64), nn.ReLU(), nn.Linear(64,10))

MODELS = {  # name: (ctor, optimizer factory, normalise to [-1,1])
    'lenet5':   (LeNet,   lambda p: torch.optim.SGD(p, lr=1e-3, momentum=0.9), True),
    'cnn-basic':(CnnBasic,lambda p: torch.optim.Adam(p, lr=1e-4), False),
    'cnn-wide': (CnnWide, lambda p: torch.optim.SGD(p, lr=1e-2, momentum=0.95), False),
    'cnn-pad':  (CnnPad,  lambda p: torch.optim.Adam(p, lr=1e-3), False),
    'mlp':      (Mlp,     lambda p: torch.optim.SGD(p, lr=3e-3, momentum=0.9), True),
    'speedrun-cnn': (SpeedrunCnn, lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.7, 0.9)), False),
}

def main():
    name, n, bs, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(int(sys.argv[5]) if len(sys.argv) > 5 else 2)
    torch.manual_seed(int(sys.argv[7]) if len(sys.argv) > 7 else 42)
    ctor, opt, norm = MODELS[name]
    xtr, ytr = load('train', n, norm); xte, yte = load('t10k', 10000, norm)
    net = ctor(); o = opt(net.parameters()); lossf = nn.CrossEntropyLoss()
    print(f'{name} params={sum(p.numel() for p in net.parameters())} threads={torch.get_num_threads()}')
    for e in range(epochs):
        net.train(); perm = torch.randperm(n); t0 = time.perf_counter()
        for i in range(0, n, bs):
            j = perm[i:i+bs]; o.zero_grad(); l = lossf(net(xtr[j]), ytr[j]); l.backward(); o.step()
        t1 = time.perf_counter(); net.eval()
        with torch.no_grad():
            t2 = time.perf_counter(); pred = torch.cat([net(xte[i:i+1000]).argmax(1) for i in range(0, 10000, 1000)]); t3 = time.perf_counter()
        print(f'epoch {e}: train {n/(t1-t0):.0f} samples/s ({t1-t0:.1f}s)  test acc {(pred==yte).float().mean().item():.4f}  eval {10000/(t3-t2):.0f} samples/s')

if __name__ == '__main__':
    main()
