// "Your work" (docs/your-work.md): your network, your digits, your progress. The demo
// lives with the rest of the reader's own data in ../your-network/.
export { mount } from "../your-network/work.js";
