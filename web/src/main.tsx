import { render } from "preact";
import { App } from "./App";
import "./styles.css";
import { startFirstScreen } from "./pages/days-load";

// Before the first render: the Days reads are on their way while Preact builds the page.
startFirstScreen(window.location.hash);

const root = document.getElementById("app");
if (root) render(<App />, root);
