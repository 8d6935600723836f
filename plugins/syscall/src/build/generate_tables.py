#!/usr/bin/env python3
"""Turns the shared specs into the compact resources the syscall plugin loads at run time.

The build never reads /work/shared (a fresh clone has no shared/ folder): run this by hand when
event-table.json or syscall-fields.tsv change, review the diff and commit the regenerated files.

    python3 plugins/syscall/src/build/generate_tables.py ../shared/spec plugins/syscall/src/main/resources

Outputs (tab separated, one header line starting with '#', facts only):
  dev/peregrine/plugin/syscall/event/event-table.tsv     id enum name direction category flags params
  dev/peregrine/plugin/syscall/event/syscall-codes.tsv   id name
  dev/peregrine/plugin/syscall/event/conversion-table.tsv event_id nparams action desired_type_id instructions
  dev/peregrine/plugin/syscall/event/param-tables.tsv    event_id param flags_table dirfd_param
  dev/peregrine/plugin/syscall/event/flag-tables.tsv     table name value (entries in table order)
  dev/peregrine/plugin/syscall/field/syscall-fields.tsv  name type list argument required properties provider description
"""
import json
import os
import sys

# libsinsp parameter types -> dev.peregrine.api.FieldType constant names.
FIELD_TYPES = {
    "PT_CHARBUF": "STRING", "PT_FSPATH": "FSPATH", "PT_BYTEBUF": "BYTEBUF", "PT_BOOL": "BOOL",
    "PT_INT8": "INT8", "PT_INT16": "INT16", "PT_INT32": "INT32", "PT_INT64": "INT64",
    "PT_UINT8": "UINT8", "PT_UINT16": "UINT16", "PT_UINT32": "UINT32", "PT_UINT64": "UINT64",
    "PT_PORT": "PORT", "PT_PID": "PID", "PT_FD": "FD", "PT_ERRNO": "ERRNO",
    "PT_FLAGS32": "FLAGS32", "PT_MODE": "MODE", "PT_RELTIME": "RELTIME", "PT_ABSTIME": "ABSTIME",
    "PT_DOUBLE": "DOUBLE", "PT_IPV4ADDR": "IPV4ADDR", "PT_IPADDR": "IPADDR",
    "PT_IPV4NET": "IPV4NET", "PT_IPNET": "IPNET", "PT_DYN": "DYNAMIC",
}

# The tsv says only none/key/optional; which bracket forms each field accepts comes from the
# libsinsp and container-plugin field tables (EPF_ARG_REQUIRED / EPF_ARG_INDEX / EPF_ARG_KEY).
ARGUMENTS = {
    "evt.arg": ("INDEX_OR_KEY", True),       # evt.arg[0], evt.arg[fd], evt.arg.fd
    "evt.rawarg": ("KEY", True),             # by name only
    "evt.type.is": ("KEY", True),            # evt.type.is.open or a numeric code
    "evt.abspath": ("KEY", False),           # evt.abspath, evt.abspath.src, evt.abspath.dst
    "evt.around": ("INDEX", True),           # evt.around[<rawtime>]
    "thread.cgroup": ("KEY", True),          # thread.cgroup.cpuacct
    "fd.types": ("INDEX", False),
    "proc.aexe": ("INDEX", False),
    "proc.aexepath": ("INDEX", False),
    "proc.aname": ("INDEX", False),
    "proc.args": ("INDEX", False),
    "proc.aargs": ("INDEX", False),
    "proc.acmdline": ("INDEX", False),
    "proc.env": ("KEY", False),
    "proc.aenv": ("INDEX_OR_KEY", False),
    "proc.apid": ("INDEX", False),
    "container.mount": ("INDEX_OR_KEY", True),
    "container.mount.source": ("INDEX_OR_KEY", True),
    "container.mount.dest": ("INDEX_OR_KEY", True),
    "container.mount.mode": ("INDEX_OR_KEY", True),
    "container.mount.rdwr": ("INDEX_OR_KEY", True),
    "container.mount.propagation": ("INDEX_OR_KEY", True),
    "container.label": ("KEY", True),
    "k8s.pod.label": ("KEY", True),
}

# notes column -> dev.peregrine.api.FieldProperty names; "table_only" fields are hidden from listings.
PROPERTIES = {"deprecated": "DEPRECATED", "filter_only": "FILTER_ONLY", "print_only": "PRINT_ONLY",
              "table_only": "HIDDEN"}

PROVIDERS = {"libsinsp": "syscall", "sysdig-0.29-only": "syscall", "container-plugin": "container"}


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("#" + "\t".join(header) + "\n")
        for row in rows:
            out.write("\t".join(str(c) for c in row) + "\n")


def events(spec, res):
    table = json.load(open(os.path.join(spec, "event-table.json"), encoding="utf-8"))
    rows = []
    for e in table["events"]:
        params = ",".join(f'{p["name"]}:{p["type"]}:{p["format"]}' for p in e["params"]) or "-"
        rows.append((e["id"], e["enum"], e["name"], e["direction"], e["category"], e["flags"], params))
    assert [r[0] for r in rows] == list(range(table["event_count"])), "event ids must be dense"
    base = os.path.join(res, "dev/peregrine/plugin/syscall/event")
    write(os.path.join(base, "event-table.tsv"),
          ["id", "enum", "name", "direction", "category", "flags", "params"], rows)
    write(os.path.join(base, "syscall-codes.tsv"), ["id", "name"],
          [(s["id"], s["name"]) for s in table["syscall_codes"]])
    write(os.path.join(base, "conversion-table.tsv"),
          ["event_id", "nparams", "action", "desired_type_id", "instructions"],
          [conversion_row(c) for c in table["conversion_table"]])
    write(os.path.join(base, "param-tables.tsv"), ["event_id", "param", "flags_table", "dirfd_param"],
          [(e["id"], i, p.get("flags_table", "-"), p.get("dirfd_param", "-"))
           for e in table["events"] for i, p in enumerate(e["params"])
           if "flags_table" in p or "dirfd_param" in p])
    write(os.path.join(base, "flag-tables.tsv"), ["table", "name", "value"],
          [(name, f["name"], f["value"]) for name, entries in table["flag_tables"].items() for f in entries])


def conversion_row(c):
    """One scap-converter rule; C_ACTION_/C_INSTR_FROM_/CIF_ prefixes dropped, '-' for none.

    An instruction is CODE:param_num[:FALLBACK_TO_EMPTY][:callback]."""
    instrs = []
    for i in c["instrs"]:
        parts = [i["code"].removeprefix("C_INSTR_FROM_"), str(i.get("param_num", 0))]
        flags = i.get("flags")
        if flags or i.get("callback"):
            parts.append(flags.removeprefix("CIF_") if flags else "-")
        if i.get("callback"):
            parts.append(i["callback"])
        instrs.append(":".join(parts))
    desired = c.get("desired_type_id")
    return (c["event_id"], c["nparams"], c["action"].removeprefix("C_ACTION_"),
            "-" if desired is None else desired, ",".join(instrs) or "-")


def fields(spec, res):
    rows = []
    with open(os.path.join(spec, "syscall-fields.tsv"), encoding="utf-8") as tsv:
        header = tsv.readline().rstrip("\n").split("\t")
        for line in tsv:
            if not line.strip():
                continue
            col = dict(zip(header, line.rstrip("\n").split("\t")))
            notes = [n for n in col["notes"].split(",") if n and n != "-"]
            is_list = "is_list" in notes
            props = sorted({PROPERTIES[n] for n in notes if n in PROPERTIES})
            if col["takes_arg"] == "none":
                arg, required = "NONE", False
            else:
                arg, required = ARGUMENTS[col["name"]]
                if col["takes_arg"] == "key" and not required and col["name"] != "evt.abspath":
                    raise SystemExit(f"{col['name']}: tsv says key, table says optional")
            rows.append((col["name"], FIELD_TYPES[col["type"]], int(is_list), arg, int(required),
                         ",".join(props) or "-", PROVIDERS[col["provider"]], col["description"]))
    write(os.path.join(res, "dev/peregrine/plugin/syscall/field/syscall-fields.tsv"),
          ["name", "type", "list", "argument", "required", "properties", "plugin", "description"], rows)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    events(sys.argv[1], sys.argv[2])
    fields(sys.argv[1], sys.argv[2])
