import os, re, subprocess, sys, time
sys.path.insert(0, "/work/scale")
from pathlib import Path
from bench.scale import serve
port = serve.free_port()
WORKERS = os.environ.get("WORKERS", "2")
env = {**os.environ, "VMS_ENV": "production", "VMS_SECRET_KEY": "x"*40, "VMS_DATABASE_URL": "postgresql://postgres@127.0.0.1:5433/vms_scale", "VMS_SESSION_COOKIE_SECURE": "false", "VMS_MAIL_BACKEND": '"log"', "VMS_INSTANCE_PATH": "/tmp/probe", "PYTHONFAULTHANDLER": "1", "PYTHONPATH": "/tmp/probe:/work/scale"}
log = open("/tmp/probe/g2.log", "wb")
p = subprocess.Popen(["bash", "-c", f"ulimit -c unlimited; exec {os.environ.get('PY', sys.executable)} -m gunicorn --workers {WORKERS} --bind 127.0.0.1:{port} 'probe_app:create_app()'"], cwd="/tmp/probe", env=env, stdout=log, stderr=log)
base = f"http://127.0.0.1:{port}"
import time as _t; _t.sleep(float(os.environ.get("BOOT", 0))); serve._wait_until_up(base, p, Path("/tmp/probe/g2.log"))
print(serve.load(base, "/x", "", 8, 2))
p.terminate(); p.wait()
text = Path("/tmp/probe/g2.log").read_text()
print("crashes:", text.count("was sent SIGSEGV"))
