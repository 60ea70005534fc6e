/**
 * Evidence (bukti dukung) of one realisasi: the list (images previewed inline, files downloaded,
 * links opened), and while the period is open: upload by file picker, camera (a phone opens it
 * from `capture`) or drag and drop, with a progress bar per file and "try again" after a failure
 * that may pass (network, server); links as evidence.
 *
 * Images are previewed with <img> from the download address (CSP img-src 'self'). PDFs are not
 * framed: the download answers as an attachment under `sandbox` and X-Frame-Options DENY, so
 * they are downloaded and opened by the device's own viewer.
 */
import { useRef, useState } from 'preact/hooks';
import { goToLogin, runMutation, type FieldError } from '../api';
import { formatDateTime, useStaffMessages } from '../messages';
import { Form, SubmitButton, TextField, useErrorText, useForm } from '../ui/form';
import { AddEvidenceDocument } from './AddEvidence.generated';
import type { EvidenceFieldsFragment } from './EvidenceFields.generated';
import { RemoveEvidenceDocument } from './RemoveEvidence.generated';
import { useWorkMessages } from './messages';
import { formatSize, isRetryable, uploadFile, UploadError, type UploadFailure } from './upload';

type Evidence = EvidenceFieldsFragment;

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.odt,.ods,application/pdf,image/png,image/jpeg,image/webp';
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/webp']);

interface UploadRow {
  key: number;
  file: File;
  state: 'uploading' | 'attaching' | 'failed' | 'done';
  loaded: number;
  total: number;
  message: string | null;
  retryable: boolean;
}

let uploadCounter = 0;

export function EvidencePanel(props: { realizationId: string; initial: Evidence[]; editable: boolean; label: string }) {
  const { t } = useWorkMessages();
  const [items, setItems] = useState<Evidence[]>(props.initial);
  const headingId = `evidence-${props.realizationId}-heading`;
  return (
    <section class="evidence" aria-labelledby={headingId} data-testid="evidence">
      <h5 id={headingId} class="evidence-heading">
        {t('ev.heading')}
      </h5>
      {items.length === 0 ? (
        <p class="hint" data-testid="evidence-empty">
          {t('ev.none')}
        </p>
      ) : (
        <ul class="evidence-list">
          {items.map((item) => (
            <EvidenceItem key={item.id} item={item} editable={props.editable} onRemoved={() => setItems((all) => all.filter((e) => e.id !== item.id))} />
          ))}
        </ul>
      )}
      {props.editable ? (
        <>
          <Uploader realizationId={props.realizationId} onAttached={(added) => setItems((all) => [...all, added])} />
          <LinkForm realizationId={props.realizationId} onAttached={(added) => setItems((all) => [...all, added])} />
        </>
      ) : null}
    </section>
  );
}

function nameOf(item: Evidence): string {
  return item.title ?? item.name ?? item.url ?? item.id;
}

function EvidenceItem(props: { item: Evidence; editable: boolean; onRemoved: () => void }) {
  const { t, locale } = useWorkMessages();
  const errorText = useErrorText();
  const { item } = props;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const name = nameOf(item);
  const remove = async () => {
    setBusy(true);
    setFailure(null);
    const outcome = await runMutation(RemoveEvidenceDocument, { id: item.id }, (d) => d.removeEvidence);
    setBusy(false);
    if (outcome.ok) props.onRemoved();
    else setFailure(outcome.errors.map(errorText).join(' '));
  };
  const preview = item.kind === 'FILE' && item.downloadUrl !== null && item.mediaType !== null && PREVIEWABLE.has(item.mediaType);
  return (
    <li class="evidence-item" data-testid="evidence-item" data-kind={item.kind} data-id={item.id}>
      {preview && item.downloadUrl ? <img class="evidence-preview" src={item.downloadUrl} alt={t('ev.preview', { name })} loading="lazy" data-testid="evidence-preview" /> : null}
      <div class="evidence-body">
        <p class="evidence-name">{name}</p>
        <p class="evidence-meta">
          {item.kind === 'FILE' ? (
            <>
              {[item.title && item.name && item.title !== item.name ? item.name : null, item.size !== null ? formatSize(item.size, locale) : null, formatDateTime(item.addedAt, locale)]
                .filter(Boolean)
                .join(' · ')}
            </>
          ) : (
            <>
              {t('ev.link')} · {formatDateTime(item.addedAt, locale)}
            </>
          )}
        </p>
        {item.kind === 'FILE' && item.mediaType === 'application/pdf' ? <p class="hint">{t('ev.pdfNote')}</p> : null}
        <p class="evidence-actions">
          {item.kind === 'FILE' && item.downloadUrl ? (
            <a href={item.downloadUrl} download={item.name ?? undefined} aria-label={t('ev.downloadLabel', { name })} data-testid="evidence-download">
              {t('ev.download')}
            </a>
          ) : null}
          {item.kind === 'LINK' && item.url ? (
            <a href={item.url} target="_blank" rel="noopener noreferrer" aria-label={t('ev.openLabel', { name })} data-testid="evidence-link">
              {t('ev.open')}
            </a>
          ) : null}
          {props.editable && !confirming ? (
            <button type="button" class="button button-link" aria-label={t('ev.removeLabel', { name })} onClick={() => setConfirming(true)} data-testid="evidence-remove">
              {t('ev.remove')}
            </button>
          ) : null}
        </p>
        {confirming ? (
          <div class="inline-confirm" role="group" aria-label={t('ev.removeConfirm')}>
            <span>{t('ev.removeConfirm')}</span>
            <button type="button" class="button button-small button-danger" disabled={busy} onClick={() => void remove()} data-testid="confirm-remove">
              {t('ev.removeYes')}
            </button>
            <button type="button" class="button button-small button-secondary" onClick={() => setConfirming(false)}>
              {t('ev.cancel')}
            </button>
          </div>
        ) : null}
        {failure ? (
          <p class="field-error" role="alert">
            {failure}
          </p>
        ) : null}
      </div>
    </li>
  );
}

function useFailureText(): (name: string, failure: UploadFailure) => string {
  const { t, locale } = useWorkMessages();
  return (name, failure) => {
    switch (failure.kind) {
      case 'network':
        return t('ev.error.network', { name });
      case 'server':
        return t('ev.error.server', { name });
      case 'aborted':
        return t('ev.error.aborted', { name });
      case 'tooLarge':
        return failure.maxBytes !== null ? t('ev.error.tooLarge', { name, max: formatSize(failure.maxBytes, locale) }) : t('ev.error.tooLargeUnknown', { name });
      case 'type':
        return t('ev.error.type', { name, message: failure.message });
      case 'quota':
        return t('ev.error.quota', { name, message: failure.message });
      case 'unauthenticated':
        return t('ev.error.unauthenticated', { name });
      case 'rejected':
        return t('ev.error.rejected', { name, message: failure.message });
    }
  };
}

function Uploader(props: { realizationId: string; onAttached: (item: Evidence) => void }) {
  const { t } = useWorkMessages();
  const failureText = useFailureText();
  const errorText = useErrorText();
  const [rows, setRows] = useState<UploadRow[]>([]);
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const update = (key: number, change: Partial<UploadRow>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const send = async (key: number, file: File) => {
    update(key, { state: 'uploading', loaded: 0, message: null, retryable: false });
    let token: string;
    try {
      const uploaded = await uploadFile(file, (loaded, total) => update(key, { loaded, total }));
      token = uploaded.uploadToken;
    } catch (error) {
      const failure: UploadFailure = error instanceof UploadError ? error.failure : { kind: 'network' };
      if (failure.kind === 'unauthenticated') goToLogin();
      // Messages the server writes are Indonesian: shown as they are in both languages.
      update(key, { state: 'failed', message: failureText(file.name, failure), retryable: isRetryable(failure) });
      return;
    }
    update(key, { state: 'attaching' });
    const outcome = await runMutation(AddEvidenceDocument, { input: { realizationId: props.realizationId, uploadToken: token } }, (d) => d.addEvidence);
    if (outcome.ok) {
      update(key, { state: 'done', message: t('ev.done', { name: file.name }) });
      props.onAttached(outcome.result);
    } else {
      const network = outcome.errors.some((e) => e.code === 'NETWORK');
      update(key, { state: 'failed', message: t('ev.error.attach', { name: file.name, message: outcome.errors.map(errorText).join(' ') }), retryable: network });
    }
  };

  const start = (files: FileList | File[] | null) => {
    if (!files) return;
    for (const file of Array.from(files)) {
      uploadCounter += 1;
      const key = uploadCounter;
      setRows((all) => [...all.filter((r) => r.state !== 'done'), { key, file, state: 'uploading', loaded: 0, total: file.size, message: null, retryable: false }]);
      void send(key, file);
    }
  };

  const inputId = `upload-${props.realizationId}`;
  return (
    <div
      class={dragging ? 'dropzone dropzone-active' : 'dropzone'}
      data-testid="dropzone"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        start(event.dataTransfer?.files ?? null);
      }}
    >
      <p class="dropzone-title" id={`${inputId}-title`}>
        {t('ev.upload')}
      </p>
      <p class="hint" id={`${inputId}-types`}>
        {t('ev.types')}
      </p>
      <div class="dropzone-actions">
        <button type="button" class="button button-secondary" aria-describedby={`${inputId}-types`} onClick={() => picker.current?.click()} data-testid="pick-file">
          {t('ev.pick')}
        </button>
        <button type="button" class="button button-secondary" onClick={() => camera.current?.click()} data-testid="take-photo">
          {t('ev.camera')}
        </button>
        <span class="dropzone-drop" aria-hidden="true">
          {dragging ? t('ev.dropActive') : t('ev.drop')}
        </span>
      </div>
      <input
        ref={picker}
        id={inputId}
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        data-testid="file-input"
        onChange={(event) => {
          start(event.currentTarget.files);
          event.currentTarget.value = '';
        }}
      />
      <input
        ref={camera}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        data-testid="camera-input"
        onChange={(event) => {
          start(event.currentTarget.files);
          event.currentTarget.value = '';
        }}
      />
      {rows.length > 0 ? (
        <ul class="upload-list">
          {rows.map((row) => (
            <UploadItem key={row.key} row={row} onRetry={() => void send(row.key, row.file)} onDismiss={() => setRows((all) => all.filter((r) => r.key !== row.key))} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function UploadItem(props: { row: UploadRow; onRetry: () => void; onDismiss: () => void }) {
  const { t } = useWorkMessages();
  const { row } = props;
  const percent = row.total > 0 ? Math.min(100, Math.round((row.loaded / row.total) * 100)) : 0;
  const labelId = `upload-row-${row.key}`;
  const shownPercent = row.state === 'done' || row.state === 'attaching' ? 100 : percent;
  return (
    <li class={`upload-item upload-${row.state}`} data-testid="upload" data-state={row.state}>
      <p class="upload-name" id={labelId}>
        {row.state === 'attaching' ? t('ev.attaching', { name: row.file.name }) : t('ev.progress', { name: row.file.name })}
      </p>
      {row.state !== 'failed' ? (
        <div class="upload-bar">
          <progress max={100} value={shownPercent} aria-labelledby={labelId} data-testid="upload-progress" />
          <span class="upload-percent" aria-hidden="true">
            {t('ev.progressValue', { percent: shownPercent })}
          </span>
        </div>
      ) : null}
      <div role={row.state === 'failed' ? 'alert' : 'status'}>
        {row.message ? <p class={row.state === 'failed' ? 'field-error' : 'notice-line'}>{row.message}</p> : null}
      </div>
      {row.state === 'failed' ? (
        <div class="form-actions-row">
          {row.retryable ? (
            <button type="button" class="button button-small button-primary" aria-label={t('ev.retryLabel', { name: row.file.name })} onClick={props.onRetry} data-testid="upload-retry">
              {t('ev.retry')}
            </button>
          ) : null}
          <button type="button" class="button button-small button-secondary" onClick={props.onDismiss}>
            {t('ev.dismiss')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

function LinkForm(props: { realizationId: string; onAttached: (item: Evidence) => void }) {
  const { t } = useWorkMessages();
  const staff = useStaffMessages();
  const headingId = `link-${props.realizationId}-heading`;
  const form = useForm({
    id: `link-${props.realizationId}`,
    initial: { url: '', title: '' },
    validate: (values): FieldError[] => {
      const errors: FieldError[] = [];
      const url = values.url.trim();
      if (url === '') errors.push({ field: 'url', message: staff.t('form.required', { label: t('ev.url') }), code: 'INVALID_INPUT' });
      else if (!/^https?:\/\/\S+$/i.test(url)) errors.push({ field: 'url', message: t('ev.urlInvalid'), code: 'INVALID_INPUT' });
      if (values.title.length > 300) errors.push({ field: 'title', message: staff.t('form.tooLong', { label: t('ev.title'), max: 300 }), code: 'INVALID_INPUT' });
      return errors;
    },
  });
  return (
    <details class="link-evidence">
      <summary id={headingId}>{t('ev.linkHeading')}</summary>
      <Form
        form={form}
        labelledBy={headingId}
        onSubmit={(values) =>
          runMutation(
            AddEvidenceDocument,
            { input: { realizationId: props.realizationId, url: values.url.trim(), title: values.title.trim() === '' ? null : values.title.trim() } },
            (d) => d.addEvidence,
          )
        }
        onSuccess={(added) => {
          props.onAttached(added);
          form.reset();
        }}
      >
        <TextField help={t('ev.help.url')} form={form} name="url" type="url" inputMode="url" label={t('ev.url')} hint={t('ev.urlHint')} required />
        <TextField help={t('ev.help.title')} form={form} name="title" label={t('ev.title')} />
        <SubmitButton form={form}>{t('ev.addLink')}</SubmitButton>
      </Form>
    </details>
  );
}
