#!/usr/bin/env bash
# The host's CPU per call of the checkout flow, one kind of call at a time: 16 client threads repeat one call on their
# own carts for a few seconds while the host's CPU time is read from /proc before and after; then, for the complete
# call, carts made ready beforehand (lines, address, rate, token) are completed in one pass (a first pass warms it up).
# Tells where the CPU of a checkout goes, call by call; the bench's checkout scenarios give the flow's figures.
#   bench/checkout-calls.sh [seconds per call] [carts to complete] [complete]   (complete: that call alone)
# SHOPPERS=n sets the client threads (16); STRACE=1 counts the complete pass's system calls with strace; PERF=1 profiles
# it with perf (start with DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 for managed names; reports in
# PERF_OUT-*.txt, default /tmp/perf-report).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-6}; carts=${2:-1000}; only=${3:-all}; port=${PORT:-5097}
dll=$PWD/src/Runner.Host/bin/Release/net10.0/Runner.Host.dll
[ -f "$dll" ] || { echo "build first: dotnet build -c Release src/Runner.Host" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
dotnet "$dll" --urls "http://127.0.0.1:$port" --Runner:Bootstrap:PublishableKey=pk_callscallscallscallscalls \
  --Runner:Bootstrap:AdminKey=rk_benchbenchbenchbenchbench >host.log 2>&1 &
pid=$!
python3 - "$port" "$pid" "$seconds" "$carts" "$only" <<'PY'
import http.client, json, os, subprocess, sys, threading, time, uuid
port, pid, seconds, carts, only = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
STORE = {'X-Publishable-Key': 'pk_callscallscallscallscalls', 'Content-Type': 'application/json'}
ADMIN = {'Authorization': 'Bearer rk_benchbenchbenchbenchbench', 'Content-Type': 'application/json'}
SHOPPERS = int(os.environ.get("SHOPPERS", "16"))

def connect(): return http.client.HTTPConnection('127.0.0.1', port, timeout=30)

def call(c, method, path, body=None, headers=STORE):
    c.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
    r = c.getresponse(); data = r.read()
    if r.status >= 300: raise SystemExit(f'{method} {path}: {r.status} {data[:300]!r}')
    return json.loads(data) if data else None

def host_cpu():
    fields = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')

def host_switches():  # voluntary and involuntary context switches of all the host's threads
    total = 0
    for task in os.listdir(f'/proc/{pid}/task'):
        try: total += sum(int(l.split()[1]) for l in open(f'/proc/{pid}/task/{task}/status') if 'ctxt_switches' in l)
        except OSError: pass
    return total

for _ in range(120):
    try:
        c = connect(); c.request('GET', '/health/ready'); r = c.getresponse(); r.read()
        if r.status == 200: break
    except OSError: pass
    time.sleep(0.5)
else: raise SystemExit('the host did not get ready; see host.log')

# The demo store's first variants, with stock enough for every call; fraud thresholds that let one IP buy often.
c = connect()
location = call(c, 'GET', '/admin/locations', headers=ADMIN)['items'][0]['id']
variants = [v['id'] for p in call(c, 'GET', '/store/products?limit=20')['items'] for v in p.get('variants', [])][:12]
for v in variants:
    call(c, 'POST', '/admin/inventory/adjustments', {'variantId': v, 'locationId': location, 'delta': 1_000_000, 'reason': 'received'}, ADMIN)
call(c, 'PATCH', '/admin/settings/payments', {'fraud': {'velocityLimitPerHour': 10_000, 'reviewThreshold': 100, 'refuseThreshold': 200}}, ADMIN)
address = dict(firstName='Ada', lastName='Shopper', line1='1 Market St', city='San Francisco', region='CA', postalCode='94107', country='US')
card = {'number': '4242424242424242', 'expMonth': 12, 'expYear': time.gmtime().tm_year + 3, 'cvc': '123', 'holderName': 'Ada Shopper'}

def new_cart(c, i):
    cart = call(c, 'POST', '/store/carts', {'currency': 'USD', 'email': f'shopper{i}@example.com'})
    call(c, 'POST', f"/store/carts/{cart['id']}/lines", {'variantId': variants[i % len(variants)], 'quantity': 1})
    cart = call(c, 'POST', f"/store/carts/{cart['id']}/lines", {'variantId': variants[(i + 3) % len(variants)], 'quantity': 1})
    call(c, 'PATCH', f"/store/carts/{cart['id']}", {'shippingAddress': address})
    rate = call(c, 'GET', f"/store/carts/{cart['id']}/shipping-rates")['items'][0]['id']
    return cart['id'], cart['lines'][0]['id'], rate

own = [new_cart(c, i) for i in range(SHOPPERS)]
calls = {
    'POST /store/carts': lambda c, k, n: call(c, 'POST', '/store/carts', {'currency': 'USD', 'email': 'shopper@example.com'}),
    'GET cart': lambda c, k, n: call(c, 'GET', f'/store/carts/{k[0]}'),
    'PATCH cart (address)': lambda c, k, n: call(c, 'PATCH', f'/store/carts/{k[0]}', {'shippingAddress': address}),
    'PATCH line (quantity)': lambda c, k, n: call(c, 'PATCH', f'/store/carts/{k[0]}/lines/{k[1]}', {'quantity': 1 + n % 2}),
    'GET shipping-rates': lambda c, k, n: call(c, 'GET', f'/store/carts/{k[0]}/shipping-rates'),
    'POST shipping-rate': lambda c, k, n: call(c, 'POST', f'/store/carts/{k[0]}/shipping-rate', {'rateId': k[2]}),
    'POST payment-tokens': lambda c, k, n: call(c, 'POST', '/store/payment-tokens', card),
}

def measure(name, work, trace=False):
    done = [0] * SHOPPERS
    def shopper(i):
        c = connect()
        done[i] = work(c, i)
    # STRACE=1: the system calls of the measured complete pass, counted by strace (which slows the host: CPU figures
    # of that pass are not comparable).
    tracer = subprocess.Popen(['strace', '-c', '-f', '-o', f'{os.getcwd()}/strace.txt', '-p', str(pid)],
                              stderr=subprocess.DEVNULL) if trace and os.environ.get('STRACE') == '1' else None
    profiler = subprocess.Popen(['perf', 'record', '-F', '999', '-g', '-o', os.environ.get('PERF_OUT', '/tmp/perf-report') + '.data', '-p', str(pid)],
                                stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL) if trace and os.environ.get('PERF') == '1' else None
    if profiler: time.sleep(1)
    if tracer: time.sleep(1)
    before, switches, started = host_cpu(), host_switches(), time.time()
    threads = [threading.Thread(target=shopper, args=(i,)) for i in range(SHOPPERS)]
    for t in threads: t.start()
    for t in threads: t.join()
    elapsed, used, n = time.time() - started, host_cpu() - before, sum(done)
    # Threads that end during the pass take their counts with them: a negative difference shows as a dash.
    switched = host_switches() - switches
    print(f'| {name} | {n / elapsed:,.0f} | {1000 * used / n:.2f} | {used / elapsed:.2f} | {f"{switched / n:.0f}" if switched >= 0 else "–"} |',
          flush=True)
    if profiler:
        profiler.send_signal(2); profiler.wait()
        out = os.environ.get('PERF_OUT', '/tmp/perf-report')
        for sort in ('dso', 'dso,sym'):
            subprocess.run(f'perf report -i {out}.data --no-children -g none --sort {sort} --stdio 2>/dev/null | grep -v "^#" | grep -v "^$" > {out}-{sort.replace(",", "-")}.txt', shell=True)
        subprocess.run(f'perf report -i {out}.data --children -g none --sort sym --stdio 2>/dev/null | grep -v "^#" | grep -v "^$" > {out}-children.txt', shell=True)
    if tracer:
        tracer.send_signal(2); tracer.wait()
        rows = [l.split() for l in open('strace.txt') if l[:1] == ' ' and l.split()[-1] != 'total']
        calls = sorted(((int(r[3]), r[-1]) for r in rows if len(r) >= 5 and r[3].isdigit()), reverse=True)[:10]
        print('system calls per call (strace): ' + ', '.join(f'{name} {count / n:.0f}' for count, name in calls), flush=True)

print(f'| call ({SHOPPERS} client threads) | calls/s | host CPU per call, ms | host cores busy | context switches per call |')
print('|---|---|---|---|---|')
def repeat(f, duration):
    def each(c, i):
        stop, n = time.time() + duration, 0
        while time.time() < stop: f(c, own[i], n); n += 1
        return n
    return each

if only == 'complete': calls = {}
for f in calls.values():  # warm-up, not measured: the JIT compiles each path at its final tier first
    for _ in range(3): threading.Thread(target=repeat(f, 2), args=(connect(), 0)).run()
for name, f in calls.items():
    measure(name, repeat(f, seconds))

def complete_pass(name, count, trace=False):
    ready = []
    for i in range(count):
        cart, _, rate = new_cart(c, i)
        call(c, 'POST', f'/store/carts/{cart}/shipping-rate', {'rateId': rate})
        ready.append((cart, call(c, 'POST', '/store/payment-tokens', card)['token']))
    time.sleep(2)  # what the preparation left to the outbox is done
    lock = threading.Lock()
    def completer(c, i):
        n = 0
        while True:
            with lock:
                if not ready: return n
                cart, token = ready.pop()
            call(c, 'POST', f'/store/carts/{cart}/complete', {'paymentToken': token}, {**STORE, 'Idempotency-Key': str(uuid.uuid4())})
            n += 1
    measure(name, completer, trace)

complete_pass('POST complete (warm-up pass)', max(200, carts // 2))
complete_pass('POST complete', carts, trace=os.environ.get('STRACE') == '1' or os.environ.get('PERF') == '1')
PY
