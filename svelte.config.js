import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		adapter: adapter({ out: 'build' }),
		version: {
			// The kiosk compares this to reload itself after a deploy (see the realtime hub).
			name: process.env.LANTOA_BUILD_ID ?? new Date().toISOString()
		}
	}
};

export default config;
