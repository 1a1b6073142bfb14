import { render } from 'preact';

render(<p>Daily Papers Companion</p>, document.getElementById('app')!);
