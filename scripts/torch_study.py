"""PyTorch's side of a study: the experiment's recipe trained in PyTorch once per seed, written as a
study folder in the shape `study` writes (study.yaml, runs/seed-NNN/ with summary.json, metrics.json,
predictions.csv and config.yaml), so `study --summarize` adds study.json and the report and
`compare` can pair it with our study. Run it through scripts/torch-study.sh.

usage: /usr/bin/python3 scripts/torch_study.py EXPERIMENT.yaml SEEDS OUT_DIR IDX_DIR [key=value ...]
SEEDS: 1..10 or 1,2,3. Needs Debian's python3-torch and python3-yaml. The model is torch_ref's of the
same name; the recipe comes from the experiment file, with our defaults: the optimizer (sgd with
PyTorch's momentum, adam with its betas and epsilon; lr), the schedule (none, or onecycle as
PyTorch's OneCycleLR stepped per batch, momentum not cycled), the input normalisation (unit,
symmetric, standardize), batch size, epochs and the share held out for validation (64, 3, 0.1); the
only overrides taken are train.epochs and train.batchSize. The held-out share is a seeded random draw (ours is
stratified by class), and is not evaluated: only its size matters, so both sides train on as many
images. After each epoch the training accuracy is measured on 10,000 training images in eval mode,
as our runs do, so the two sides' curves mean the same."""
import time
PROCESS_START = time.time()   # before torch loads: the startup time counts its import, as ours counts the JVM's start
import datetime, json, os, platform, re, sys
import numpy as np, torch, torch.nn as nn, yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_ref

OVERRIDABLE = {'train.epochs', 'train.batchSize'}
TRAIN_EVAL_EXAMPLES = 10000

def fail(message):
    print(f'error: {message}', file=sys.stderr)
    sys.exit(2)

def seeds_of(text):
    out = []
    for part in text.split(','):
        m = re.fullmatch(r'(\d+)\.\.(\d+)', part.strip())
        try:
            out += list(range(int(m.group(1)), int(m.group(2)) + 1)) if m else [int(part)]
        except ValueError:
            fail(f"seeds: expected seeds such as 1..10 or 1,2,3, got '{text}'")
    if len(set(out)) != len(out):
        fail(f"seeds: a seed is given twice in '{text}'")
    return out

def override(config, arg):
    key, value = arg.split('=', 1)
    node = config
    *path, last = key.split('.')
    for k in path:
        node = node.setdefault(k, {})
    node[last] = yaml.safe_load(value)

def write(path, text):
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        f.write(text)
    os.replace(tmp, path)   # outputs appear whole or not at all

def make_optimizer(config, params):
    o = config.get('optimizer') or {}
    kind, lr = o.get('type', 'adam'), o.get('lr', 0.001)
    if kind == 'sgd':
        return torch.optim.SGD(params, lr=lr, momentum=o.get('momentum', 0.0))
    if kind == 'adam':
        return torch.optim.Adam(params, lr=lr, betas=(o.get('beta1', 0.9), o.get('beta2', 0.999)), eps=o.get('epsilon', 1e-8))
    fail(f"optimizer.type: the PyTorch side has sgd and adam, not {kind!r}")

def make_schedule(config, optimizer, total_steps):
    s = config.get('schedule') or {}
    kind = s.get('type', 'none')
    if kind == 'none':
        return None
    if kind == 'onecycle':
        return torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=(config.get('optimizer') or {}).get('lr', 0.001),
            total_steps=total_steps, pct_start=s.get('pctStart', 0.3), div_factor=s.get('divFactor', 25.0),
            final_div_factor=s.get('finalDivFactor', 1e4), anneal_strategy='cos', cycle_momentum=False)
    fail(f"schedule.type: the PyTorch side has none and onecycle, not {kind!r}")

def train_one(model_name, seed, batch, epochs, data, validation_fraction, threads, config):
    torch.set_num_threads(threads)
    torch.manual_seed(seed); np.random.seed(seed)
    ctor = torch_ref.MODELS[model_name][0]
    opt = lambda params: make_optimizer(config, params)
    xall, yall, xte, yte = data
    held_out = round(len(yall) * validation_fraction)
    keep = torch.randperm(len(yall))[held_out:] if held_out > 0 else torch.arange(len(yall))
    xtr, ytr = xall[keep], yall[keep]
    probe = torch.randperm(len(ytr))[:TRAIN_EVAL_EXAMPLES]
    if (config.get('data') or {}).get('normalization', 'unit') == 'standardize':
        mean, std = xtr.mean(), xtr.std()
        xtr, xte = (xtr - mean) / std, (xte - mean) / std
    net = ctor(); o = opt(net.parameters()); lossf = nn.CrossEntropyLoss(); n = len(ytr)
    schedule = make_schedule(config, o, epochs * ((n + batch - 1) // batch))
    epochs_out, started, first_batch = [], time.perf_counter(), None
    for e in range(epochs):
        net.train(); perm = torch.randperm(n); t0 = time.perf_counter(); loss_sum, right, steps = 0.0, 0, 0
        lr_at_start = o.param_groups[0]['lr']
        for i in range(0, n, batch):
            first_batch = first_batch or time.time()
            j = perm[i:i + batch]; o.zero_grad(); out = net(xtr[j]); l = lossf(out, ytr[j]); l.backward(); o.step()
            if schedule is not None:
                schedule.step()
            loss_sum += l.item(); steps += 1; right += (out.argmax(1) == ytr[j]).sum().item()
        t1 = time.perf_counter()
        net.eval()
        with torch.no_grad():
            probe_right = sum((net(xtr[probe[i:i + 1000]]).argmax(1) == ytr[probe[i:i + 1000]]).sum().item()
                              for i in range(0, len(probe), 1000))
        epochs_out.append({'epoch': e + 1, 'learningRate': lr_at_start, 'trainLoss': loss_sum / steps,
                           'trainAccuracy': probe_right / len(probe), 'valLoss': None, 'valAccuracy': None,
                           'seconds': t1 - t0, 'samplesPerSecond': n / (t1 - t0)})
    net.eval()
    with torch.no_grad():
        t2 = time.perf_counter()
        p = torch.cat([torch.softmax(net(xte[i:i + 1000]), 1) for i in range(0, 10000, 1000)])
        eval_rate = 10000 / (time.perf_counter() - t2)
    conf, pred = p.max(1)
    return epochs_out, pred.numpy(), conf.numpy(), yte.numpy(), time.perf_counter() - started, eval_rate, \
        sum(q.numel() for q in net.parameters()), first_batch

def main():
    if len(sys.argv) < 5:
        sys.exit('usage: torch_study.py EXPERIMENT.yaml SEEDS OUT_DIR IDX_DIR [key=value ...]')
    file, seeds, out, idx_dir = sys.argv[1], seeds_of(sys.argv[2]), sys.argv[3], sys.argv[4]
    overrides = sys.argv[5:]
    text = open(file).read()
    config = yaml.safe_load(text) or {}
    for a in overrides:
        if '=' not in a or a.split('=', 1)[0] not in OVERRIDABLE:
            fail(f"'{a}': the PyTorch side takes only {sorted(OVERRIDABLE)} as key=value; the recipe is the seed's")
        override(config, a)
    model = (config.get('model') or {}).get('name')
    if model not in torch_ref.MODELS:
        fail(f'{file}: model.name: the PyTorch reference has {sorted(torch_ref.MODELS)}, not {model!r}')
    train = config.get('train') or {}
    batch, epochs = train.get('batchSize', 64), train.get('epochs', 3)
    validation_fraction = (config.get('data') or {}).get('validationFraction', 0.1)
    threads = int(os.environ.get('TORCH_THREADS', '2'))
    name = config.get('name', os.path.splitext(os.path.basename(file))[0]) + '-pytorch'
    norm = (config.get('data') or {}).get('normalization', 'unit') == 'symmetric'   # standardize: in train_one
    torch_ref.D = idx_dir
    try:   # before any folder exists: a bad MNIST_DIR writes nothing
        xall, yall = torch_ref.load('train', 60000, norm); xte, yte = torch_ref.load('t10k', 10000, norm)
    except OSError as e:
        fail(f'{idx_dir}: cannot read the MNIST files ({e})')
    probe_opt = make_optimizer(config, [nn.Parameter(torch.zeros(1))])
    optimizer = {'type': type(probe_opt).__name__, **{k: list(v) if isinstance(v, tuple) else v
                 for k, v in probe_opt.defaults.items() if k in ('lr', 'momentum', 'betas', 'weight_decay') and v}}
    os.makedirs(out, exist_ok=True)
    stamp = datetime.datetime.now().strftime('%Y%m%d-%H%M%S')
    study = os.path.join(out, f'{name}-{stamp}')
    os.makedirs(study)
    write(os.path.join(study, 'experiment.yaml'), text)
    write(os.path.join(study, 'study.yaml'), yaml.safe_dump({'name': name, 'experiment': file, 'seeds': seeds,
        'overrides': overrides, 'framework': 'pytorch', 'executor': f'python, {threads} threads'}, sort_keys=False))
    backend = f'pytorch {torch.__version__} cpu, {threads} threads, python {platform.python_version()}'
    for seed in seeds:
        run = os.path.join(study, f'runs/seed-{seed:03d}')
        os.makedirs(run, exist_ok=True)
        epochs_out, pred, conf, labels, wall, eval_rate, params, first_batch = train_one(model, seed, batch, epochs,
                                                                            (xall, yall, xte, yte), validation_fraction, threads,
                                                                            config)
        acc = float((pred == labels).mean())
        write(os.path.join(run, 'config.yaml'), yaml.safe_dump({'name': f'{name}-seed-{seed}', 'seed': seed,
            'data': {'validationFraction': validation_fraction}, 'model': {'name': model}, 'optimizer': optimizer,
            'train': {'epochs': epochs, 'batchSize': batch}, 'framework': 'pytorch'}, sort_keys=False))
        write(os.path.join(run, 'metrics.json'), json.dumps(epochs_out, indent=1))
        write(os.path.join(run, 'predictions.csv'), 'index,label,predicted,confidence\n' + ''.join(
            f'{i},{labels[i]},{pred[i]},{conf[i]:.6f}\n' for i in range(len(labels))))
        write(os.path.join(run, 'summary.json'), json.dumps({'experiment': f'{name}-seed-{seed}', 'model': model,
            'params': params, 'epochs': epochs, 'testAccuracy': acc, 'bestValAccuracy': None, 'bestEpoch': epochs,
            'untrainedTestAccuracy': None, 'trainSamplesPerSecond': float(np.mean([e['samplesPerSecond'] for e in epochs_out])),
            'evalSamplesPerSecond': eval_rate, 'wallSeconds': wall, 'backend': backend, 'status': 'completed',
            'seed': seed, 'gitCommit': os.environ.get('GIT_COMMIT', 'unknown'), 'dl4jVersion': 'n/a (PyTorch)',
            'referenceTestAccuracy': (config.get('reference') or {}).get('testAccuracy'), 'runDir': run,
            'trainSeconds': sum(e['seconds'] for e in epochs_out),
            'startupSeconds': (first_batch - PROCESS_START) if seed == seeds[0] else None}, indent=1))
        print(f'seed {seed}: test accuracy {acc * 100:.2f}% in {wall:.1f} s', flush=True)
    print(study)

if __name__ == '__main__':
    main()
