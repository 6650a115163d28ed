// Entry for the browser bundle: exposes @sentry/browser as window.Sentry, like Sentry's CDN bundle.
import * as Sentry from '@sentry/browser';
window.Sentry = Sentry;
