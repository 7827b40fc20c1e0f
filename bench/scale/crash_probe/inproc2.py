import os, sys, faulthandler
faulthandler.enable()
os.environ.update({"VMS_ENV": "production", "VMS_SECRET_KEY": "x"*40, "VMS_DATABASE_URL": "postgresql://postgres@127.0.0.1:5433/vms_scale", "VMS_SESSION_COOKIE_SECURE": "false", "VMS_MAIL_BACKEND": '"log"', "VMS_INSTANCE_PATH": "/tmp/probe"})
sys.path.insert(0, "/tmp/probe")
import probe_app
app = probe_app.create_app()
c = app.test_client()
for i in range(int(sys.argv[1])):
    r = c.get("/x")
    assert r.status_code == 200, r.status_code
print("ok")
