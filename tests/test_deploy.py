"""The container topology (deploy/Dockerfile, deploy/compose.yaml, deploy/k8s/): no
Docker engine or Kubernetes cluster runs on this machine, so the files are parsed and
checked here: the Kubernetes manifests against Kubernetes' own schemas (the
kubernetes-validate package carries them), and every file for what the explorer needs
behind a load balancer: one port, health probes on /_stcore/health, cookie affinity, long
websocket timeouts and one cookie secret for every replica. The compose proxy's
configuration must be the shared template rendered (tests/test_cluster.py starts that
template for real on loopback)."""
from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
from contextlib import redirect_stdout
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from ui import cluster as cl

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
PORT = 8501  # the one port of a replica everywhere
HEALTH = "/_stcore/health"
K8S_VERSION = "1.33"


def k8s_docs() -> dict[str, dict]:
    docs = {}
    for path in sorted(K8S.glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            docs[doc["kind"]] = doc
    return docs


@pytest.fixture(scope="module")
def k8s():
    return k8s_docs()


def container(k8s) -> dict:
    [c] = k8s["Deployment"]["spec"]["template"]["spec"]["containers"]
    return c


def test_k8s_manifests_match_kubernetes_schemas(k8s):
    for kind, doc in k8s.items():
        if kind != "Kustomization":
            kubernetes_validate.validate(doc, K8S_VERSION, strict=True)
    # the check can fail: a misspelt field is refused
    bad = copy.deepcopy(k8s["Deployment"])
    bad["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(bad, K8S_VERSION, strict=True)


def test_k8s_one_port_probes_and_secret(k8s):
    c = container(k8s)
    assert c["ports"] == [{"name": "http", "containerPort": PORT}]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert c[probe]["httpGet"] == {"path": HEALTH, "port": "http"}, probe
    # the warm-up fits in the startup probe's window
    start = c["startupProbe"]
    assert start["periodSeconds"] * start["failureThreshold"] >= 90
    secret = next(e for e in c["env"] if e["name"] == "STREAMLIT_SERVER_COOKIE_SECRET")
    assert secret["valueFrom"]["secretKeyRef"] == {"name": "nt-explorer", "key": "cookie-secret"}
    assert c["resources"]["requests"]["cpu"] == "1"
    spec = k8s["Deployment"]["spec"]
    assert spec["replicas"] >= 2 and spec["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    pod = spec["template"]
    assert spec["selector"]["matchLabels"].items() <= pod["metadata"]["labels"].items()
    # drain: the pod leaves the endpoints, waits, then gets SIGTERM within the grace period
    wait = int(c["lifecycle"]["preStop"]["exec"]["command"][1])
    assert 0 < wait < pod["spec"]["terminationGracePeriodSeconds"]


def test_k8s_service_ingress_affinity(k8s):
    svc, ing = k8s["Service"], k8s["Ingress"]
    assert svc["spec"]["selector"].items() <= container_labels(k8s).items()
    [port] = svc["spec"]["ports"]
    assert port["targetPort"] == "http" and "sessionAffinity" not in svc["spec"]
    [rule] = ing["spec"]["rules"]
    [path] = rule["http"]["paths"]
    assert path["backend"]["service"] == {"name": svc["metadata"]["name"],
                                          "port": {"name": port["name"]}}
    notes = ing["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/session-cookie-name"] == cl.COOKIE
    for timeout in ("proxy-read-timeout", "proxy-send-timeout"):  # the websocket
        assert int(notes[f"nginx.ingress.kubernetes.io/{timeout}"]) >= 3600
    assert k8s["PodDisruptionBudget"]["spec"]["selector"] == k8s["Deployment"]["spec"]["selector"]
    assert k8s["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]["name"] == \
        k8s["Deployment"]["metadata"]["name"]


def container_labels(k8s) -> dict:
    return k8s["Deployment"]["spec"]["template"]["metadata"]["labels"]


def test_kustomization_lists_every_manifest(k8s):
    listed = set(k8s["Kustomization"]["resources"])
    assert listed == {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    if shutil.which("kubectl"):  # on this machine: kubectl's own kustomize builds it
        out = subprocess.run(["kubectl", "kustomize", str(K8S)], capture_output=True,
                             text=True, check=True).stdout
        kinds = [d["kind"] for d in yaml.safe_load_all(out)]
        assert sorted(kinds) == sorted(k for k in k8s if k != "Kustomization")


def dockerfile() -> str:
    return (DEPLOY / "Dockerfile").read_text(encoding="utf-8")


def test_dockerfile_serves_the_app_on_the_port_with_its_health_check():
    text = re.sub(r"\\\n", " ", dockerfile())
    cmd = re.search(r"^CMD (\[.*\])$", text, re.M).group(1)
    args = yaml.safe_load(cmd)
    assert args[:3] == ["python", "-m", "ui.serve"]
    opts = dict(zip(args[3::2], args[4::2]))
    assert opts["--server.port"] == str(PORT) and opts["--server.address"] == "0.0.0.0"
    assert re.search(rf"^EXPOSE {PORT}$", text, re.M)
    assert f"http://127.0.0.1:{PORT}{HEALTH}" in re.search(r"^HEALTHCHECK .*$", text, re.M).group(0)
    # everything the app runs from is copied; what it does not need is left out
    copied = {m.rstrip("/") for m in re.findall(r"^COPY (\S+) ", text, re.M)}
    assert copied >= {"requirements.txt", "app.py", ".streamlit", "geo", "ui", "pages", "data"}
    for name in copied:
        assert (ROOT / name).exists(), name
    ignored = (DEPLOY / "Dockerfile.dockerignore").read_text().split()
    assert {"tests", ".git"} <= set(ignored) and not {"data", "geo", "ui"} & set(ignored)
    assert re.search(r"^USER \d+$", text, re.M)  # not root


def test_compose_runs_replicas_behind_the_rendered_proxy():
    doc = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    app, proxy = doc["services"]["app"], doc["services"]["proxy"]
    assert app["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
    assert (DEPLOY / app["build"]["context"] / app["build"]["dockerfile"]).is_file()
    assert app["deploy"]["replicas"] >= 2 and app["expose"] == [str(PORT)]
    assert f"http://127.0.0.1:{PORT}{HEALTH}" in " ".join(app["healthcheck"]["test"])
    assert "STREAMLIT_SERVER_COOKIE_SECRET" in app["environment"]
    assert proxy["depends_on"] == {"app": {"condition": "service_healthy"}}
    [mount] = proxy["volumes"]
    source, target, mode = mount.split(":")
    assert target == "/usr/local/etc/haproxy/haproxy.cfg" and mode == "ro"
    cfg = (DEPLOY / source).read_text(encoding="utf-8")
    # the committed file is the template rendered by the command its first line names
    command = re.match(r"# Rendered from deploy/haproxy\.cfg by `python -m ui\.cluster (.+)`:",
                       cfg).group(1).split()
    out = io.StringIO()
    with redirect_stdout(out):
        assert cl.main(command) == 0
    assert out.getvalue() == cfg, "deploy/compose/haproxy.cfg is stale: render it again"
    assert f"server-template app 1-8 app:{PORT}" in cfg
    bind = re.search(r"^\s*bind :(\d+)$", cfg, re.M).group(1)
    assert proxy["ports"] == [f"{bind}:{bind}"]
    assert "NT_PROXY_COOKIE_KEY" in proxy["environment"]


@pytest.mark.server
def test_what_the_image_copies_is_enough_to_serve_the_app(tmp_path):
    """No Docker engine here, so the image's contents are rebuilt by hand: the files its
    COPY lines take, none of what it leaves out, no source documents (../shared stays
    outside the image). The server started from them answers its health check and a
    session's page load and click, as a replica in a container would."""
    import asyncio
    import os
    import random
    import sys
    import time
    import urllib.request

    from test_load_smoke import in_own_thread, lt
    image = tmp_path / "app"
    image.mkdir()
    for name in re.findall(r"^COPY (\S+) ", dockerfile(), re.M):
        src = ROOT / name.rstrip("/")
        if src.is_dir():
            shutil.copytree(src, image / src.name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(src, image / src.name)
    (image / "static").mkdir()
    port = cl.free_port()
    env = {k: v for k, v in os.environ.items() if k != "NT_DATA_DIR"}  # the image's own data/
    env.update(NT_SOURCES_DIR=str(tmp_path / "no-sources"), NT_WARM_UP="1",
               NT_STATIC_DIR=str(image / "static"), PYTHONPATH="")
    text = re.sub(r"\\\n", " ", dockerfile())
    args = yaml.safe_load(re.search(r"^CMD (\[.*\])$", text, re.M).group(1))
    args = [sys.executable if a == "python" else a for a in args]
    args[args.index("--server.port") + 1] = str(port)
    args[args.index("--server.address") + 1] = "127.0.0.1"
    log = open(tmp_path / "server.log", "wb")
    proc = subprocess.Popen(args, cwd=image, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{HEALTH}", timeout=2):
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, \
                    (tmp_path / "server.log").read_text()[-2000:]
                time.sleep(0.3)

        async def visit():
            s = lt.Session(*lt.stream_url(f"http://127.0.0.1:{port}/"), 0, random.Random(1), 60)
            await s.open()
            await s.act("click_island")
            await s.act("switch_scenario")
            await s.close()
            return s
        s = in_own_thread(asyncio.run, visit())
        assert "feature" in s.params() and s.title
        assert not list(image.glob("**/tests")) and not (image / "benchmarks").exists()
    finally:
        proc.terminate()
        proc.wait(15)
        log.close()
