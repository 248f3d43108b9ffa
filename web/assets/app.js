// jixiao serve: the little script of the page (no framework, nothing from the network).
'use strict';
(function () {
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');

  // ---------- upload: files, folders (webkitdirectory) or drag and drop ----------
  var form = document.getElementById('upload');
  if (form) {
    var chosen = [];
    var list = document.getElementById('chosen');
    var error = document.getElementById('upload-error');
    var show = function () {
      list.textContent = chosen.length ? '已选择 ' + chosen.length + ' 个文件' : '';
    };
    var add = function (files) {
      for (var i = 0; i < files.length; i++) chosen.push({ file: files[i], name: files[i].webkitRelativePath || files[i].name });
      show();
    };
    document.getElementById('files').addEventListener('change', function (e) { add(e.target.files); });
    document.getElementById('folder').addEventListener('change', function (e) { add(e.target.files); });
    var drop = document.getElementById('drop');
    drop.addEventListener('dragover', function (e) { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
    drop.addEventListener('drop', function (e) {
      e.preventDefault();
      drop.classList.remove('over');
      var items = e.dataTransfer.items;
      var entries = [];
      for (var i = 0; items && i < items.length; i++) {
        var entry = items[i].webkitGetAsEntry && items[i].webkitGetAsEntry();
        if (entry) entries.push(entry);
      }
      if (!entries.length) return add(e.dataTransfer.files);
      Promise.all(entries.map(walk)).then(function () { show(); });
    });
    // A dropped folder arrives as a directory entry: read it recursively.
    var walk = function (entry) {
      if (entry.isFile) return new Promise(function (resolve) {
        entry.file(function (file) { chosen.push({ file: file, name: entry.fullPath.replace(/^\//, '') }); resolve(); }, resolve);
      });
      var reader = entry.createReader();
      return new Promise(function (resolve) {
        var all = [];
        var next = function () {
          reader.readEntries(function (batch) {
            if (!batch.length) return Promise.all(all.map(walk)).then(resolve);
            all = all.concat(Array.prototype.slice.call(batch));
            next();
          }, resolve);
        };
        next();
      });
    };
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!chosen.length) { error.hidden = false; error.textContent = '请先选择文件或文件夹'; return; }
      var data = new FormData();
      chosen.forEach(function (c) { data.append('files', c.file, c.name); });
      var button = document.getElementById('upload-button');
      button.disabled = true;
      button.textContent = '正在上传…';
      fetch('/batches', { method: 'POST', body: data, headers: { 'x-csrf-token': csrf }, credentials: 'same-origin' })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (r) {
          if (!r.ok) throw new Error(r.body.message || '上传失败');
          location.href = r.body.url;
        })
        .catch(function (err) {
          error.hidden = false;
          error.textContent = err.message;
          button.disabled = false;
          button.textContent = '开始检查';
        });
    });
  }

  // ---------- marks made offline in the exported list, brought back ----------
  var importForm = document.getElementById('import-form');
  if (importForm) {
    importForm.addEventListener('submit', function (e) {
      e.preventDefault();
      var input = document.getElementById('import-file');
      var result = document.getElementById('import-result');
      if (!input.files.length) { result.textContent = '请先选择问题清单文件'; return; }
      var data = new FormData();
      data.append('file', input.files[0], input.files[0].name);
      fetch('/batches/' + importForm.getAttribute('data-batch') + '/import', { method: 'POST', body: data, headers: { 'x-csrf-token': csrf }, credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (body) {
          if (body.message) { result.textContent = body.message; return; }
          result.textContent = '已更新 ' + body.updated + ' 项，未变 ' + body.unchanged + ' 项' + (body.problems.length ? '；无法导入：' + body.problems.join('；') : '');
        })
        .catch(function (err) { result.textContent = err.message; });
    });
  }

  // ---------- live progress of a batch (polling; the state lives on the server) ----------
  var batch = document.getElementById('batch');
  if (batch && batch.getAttribute('data-finished') !== '1') {
    var id = batch.getAttribute('data-batch');
    var seen = null;
    var poll = function () {
      fetch('/api/batches/' + id, { credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (state) {
          var done = state.files.filter(function (f) { return f.status === 'done'; }).length;
          // A finished file brings new totals and counts: redraw the page from the server.
          if (seen !== null && done !== seen) return location.reload();
          seen = done;
          var bar = document.getElementById('progress');
          if (bar) bar.value = done;
          state.files.forEach(function (f) {
            var cell = document.querySelector('tr[data-ord="' + f.ord + '"] .file-status');
            if (cell && f.status !== 'done') { cell.textContent = f.status === 'running' ? '检查中' : '等待'; cell.className = 'file-status f-' + f.status; }
          });
          if (state.status === 'done' || state.status === 'failed') return location.reload();
          setTimeout(poll, 1000);
        })
        .catch(function () { setTimeout(poll, 3000); });
    };
    poll();
  }
})();
