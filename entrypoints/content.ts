export default defineContentScript({
  matches: ['https://huggingface.co/papers*'],
  main() {},
});
