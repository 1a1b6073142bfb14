export default defineBackground(() => {
  // Listeners are registered synchronously here by later wiring.
});
