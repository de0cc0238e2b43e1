/*
 * The quiz taking page: countdown from the server's deadline, autosave with a visible state, a local
 * copy of unsaved answers (survives a reload or a dropped connection), and a warning on unanswered
 * questions before submitting. Plain JS, no libraries.
 */
(function () {
  'use strict';
  var form = document.getElementById('quiz-form');
  if (!form) return;
  var attemptId = form.getAttribute('data-attempt-id');
  var csrf = form.getAttribute('data-csrf');
  var deadline = Date.parse(form.getAttribute('data-deadline'));
  var skew = Date.parse(form.getAttribute('data-server-now')) - Date.now();
  var stateEl = document.getElementById('quiz-save-state');
  var countdownEl = document.getElementById('quiz-countdown');
  var warnEl = document.getElementById('quiz-unanswered');
  var storeKey = 'quiz-attempt-' + attemptId;
  var questions = Array.prototype.slice.call(form.querySelectorAll('[data-question-id]'));
  var dirty = false;
  var saving = false;
  var timer = null;
  var submitting = false;
  var warned = false;

  function answers() {
    return questions.map(function (q) {
      var ids = Array.prototype.slice.call(q.querySelectorAll('input:checked')).map(function (i) { return i.value; });
      return { questionId: q.getAttribute('data-question-id'), optionIds: ids };
    });
  }

  function setState(text, kind) {
    stateEl.textContent = text;
    stateEl.className = 'quiz-save' + (kind ? ' is-' + kind : '');
  }

  function remember() {
    try { localStorage.setItem(storeKey, JSON.stringify({ dirty: true, answers: answers() })); } catch (e) { /* private mode: autosave still works */ }
  }

  function forget() {
    try { localStorage.removeItem(storeKey); } catch (e) { /* ignore */ }
  }

  /** After a reload: answers chosen but not yet saved by the server are put back and saved. */
  function restore() {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(storeKey) || 'null'); } catch (e) { saved = null; }
    if (!saved || !saved.dirty || !Array.isArray(saved.answers)) return;
    saved.answers.forEach(function (a) {
      var q = form.querySelector('[data-question-id="' + CSS.escape(a.questionId) + '"]');
      if (!q) return;
      Array.prototype.forEach.call(q.querySelectorAll('input'), function (input) { input.checked = a.optionIds.indexOf(input.value) >= 0; });
    });
    dirty = true;
    save();
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  function save() {
    if (saving || submitting) return;
    saving = true;
    dirty = false;
    setState('正在保存…');
    fetch('/api/attempts/' + encodeURIComponent(attemptId) + '/answers', {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ answers: answers() }),
    }).then(function (res) {
      saving = false;
      if (res.status === 409) {
        forget();
        setState('作答已结束，正在打开结果…', 'failed');
        window.location.assign('/attempts/' + encodeURIComponent(attemptId));
        return;
      }
      if (!res.ok) throw new Error('HTTP ' + res.status);
      var now = new Date();
      setState('已保存 ' + pad(now.getHours()) + ':' + pad(now.getMinutes()) + ':' + pad(now.getSeconds()), 'saved');
      if (dirty) schedule(); else forget();
    }).catch(function () {
      saving = false;
      dirty = true;
      setState('保存失败，答案已暂存在本机，网络恢复后自动重试', 'failed');
      schedule(5000);
    });
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(save, delay === undefined ? 600 : delay);
  }

  form.addEventListener('change', function () {
    dirty = true;
    warned = false;
    warnEl.hidden = true;
    remember();
    setState('有未保存的修改…');
    schedule();
  });
  window.addEventListener('online', function () { if (dirty) save(); });

  form.addEventListener('submit', function (event) {
    var missing = [];
    answers().forEach(function (a, i) { if (a.optionIds.length === 0) missing.push(i + 1); });
    if (missing.length > 0 && !warned && !submitting) {
      event.preventDefault();
      warned = true;
      warnEl.textContent = '还有 ' + missing.length + ' 题未作答（第 ' + missing.join('、') + ' 题）。确认交卷请再点一次“交卷”。';
      warnEl.hidden = false;
      warnEl.focus();
      return;
    }
    submitting = true;
    forget();
  });

  function tick() {
    var left = Math.max(0, Math.floor((deadline - (Date.now() + skew)) / 1000));
    countdownEl.textContent = Math.floor(left / 60) + ':' + pad(left % 60);
    if (left === 0 && !submitting) {
      submitting = true;
      forget();
      form.submit();
      return;
    }
    setTimeout(tick, 1000);
  }

  restore();
  tick();
})();
