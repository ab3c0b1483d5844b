// Bounds of every value a reader can set in a demo. pylib/pylib/demos/common.py holds the same
// numbers in LIMITS and checks them again in Python; tests/test_demos_limits.py keeps
// the two files equal.
export const LIMITS = {
  learning_rate: { min: 0, max: 100, integer: false, exclusiveMin: true },
  mini_batch_size: { min: 1, max: 4000, integer: true },
  epochs: { min: 1, max: 100, integer: true },
  seed: { min: 0, max: 999999, integer: true },
  train_size: { min: 100, max: 4000, integer: true },
  hidden_size: { min: 1, max: 128, integer: true },
  hidden_layers: { min: 0, max: 3, integer: true },
  image_index: { min: 0, max: 999, integer: true },
  // Lessons 4 and 5: a start on a toy landscape (each dial), full batch vs mini-batch.
  start_position: { min: -4, max: 4, integer: false },
  toy_mini_batch_size: { min: 1, max: 100, integer: true },
  toy_epochs: { min: 1, max: 50, integer: true },
  digit: { min: 0, max: 9, integer: true },
  // Lesson 6: the chain-rule calculator's a_prev, w, b, y and the gradient check's choices
  chain_a_prev: { min: 0, max: 1, integer: false },
  chain_w: { min: -10, max: 10, integer: false },
  chain_b: { min: -10, max: 10, integer: false },
  chain_y: { min: 0, max: 1, integer: false },
  check_layer: { min: 1, max: 2, integer: true },
  check_neuron: { min: 1, max: 4, integer: true },
  check_h: { min: 1e-12, max: 1, integer: false },
  // Lessons 1–3: one neuron's inputs, weights and bias; layer sizes for counting knobs.
  neuron_input: { min: 0, max: 1, integer: false },
  neuron_weight: { min: -10, max: 10, integer: false },
  neuron_bias: { min: -20, max: 20, integer: false },
  layer_count: { min: 2, max: 6, integer: true },
  layer_size: { min: 1, max: 100000, integer: true },
};
