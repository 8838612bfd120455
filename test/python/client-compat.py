"""Drives Kubernetes' official Python client against a lab: list, create, patch, server-side
apply (force=True), watch.Watch().stream, logs (previous=True/False) and a DynamicClient watch.
Prints one JSON line per step; the mocha test checks them. Usage: python3 client-compat.py <ns>"""
import json
import sys
import time

from kubernetes import client, config, dynamic, watch
from kubernetes.client.rest import ApiException

NS = sys.argv[1]


def out(step, **kw):
    print(json.dumps({"step": step, **kw}), flush=True)


config.load_kube_config()
api = client.ApiClient()
v1 = client.CoreV1Api(api)

out("list", namespaces=sorted(n.metadata.name for n in v1.list_namespace().items))
v1.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=NS)))
v1.create_namespaced_pod(NS, client.V1Pod(
    metadata=client.V1ObjectMeta(name="web"),
    spec=client.V1PodSpec(containers=[client.V1Container(name="web", image="nginx:1.15")])))
cm = client.V1ConfigMap(metadata=client.V1ObjectMeta(name="cfg", labels={"app": "py"}), data={"a": "1"})
v1.create_namespaced_config_map(NS, cm)
patched = v1.patch_namespaced_config_map("cfg", NS, {"data": {"b": "2"}})
out("patch", data=patched.data)

dyn = dynamic.DynamicClient(api)
cms = dyn.resources.get(api_version="v1", kind="ConfigMap")
# The client sends a str body as is; a dict would need a JSON content type (a client quirk).
manifest = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"}, "data": {"a": "9"}}
applied = cms.server_side_apply(
    body=json.dumps(manifest), name="cfg",
    namespace=NS, field_manager="py-apply", force_conflicts=True)
out("apply", a=applied.data.a)

events = []
for ev in watch.Watch().stream(v1.list_namespaced_config_map, NS, timeout_seconds=2):
    events.append([ev["type"], ev["object"].metadata.name])
out("watch", events=events)

pod = "web"
for _ in range(600):  # bounded: 60 s
    if v1.read_namespaced_pod(pod, NS).status.phase == "Running":
        break
    time.sleep(0.1)
log = v1.read_namespaced_pod_log(pod, NS, previous=False)
out("log", phase=v1.read_namespaced_pod(pod, NS).status.phase, type=type(log).__name__)
try:
    v1.read_namespaced_pod_log(pod, NS, previous=True)
    out("log-previous", status=200)
except ApiException as e:
    out("log-previous", status=e.status, message=json.loads(e.body).get("message"))

out("dynamic-get", names=[i.metadata.name for i in cms.get(namespace=NS).items])
seen = [[e["type"], e["object"].metadata.name] for e in cms.watch(namespace=NS, timeout=2)]
out("dynamic-watch", events=seen)

v1.delete_namespaced_config_map("cfg", NS)
out("deleted")
