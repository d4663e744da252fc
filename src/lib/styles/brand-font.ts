// Be Vietnam Pro, bundled from npm (never a CDN), for the Department's screens: the kiosk, the
// dashboard, the administration, sign-in and the public page. The unit pages do not load it: an
// official on a weak mobile network gets the phone's own font (every phone's system font writes
// Vietnamese well) and ~100 KB less to download before reporting.
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/800.css';
