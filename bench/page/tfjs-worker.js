// The modern peer: TensorFlow.js 4.22 training the same network (784-16-16-10, sigmoid),
// with model.fit, mini-batches of 10, the site's quadratic cost (½‖a − y‖² per image,
// averaged over the mini-batch: the lessons' C) and plain SGD at the site's η = 3, on the
// same 4,000 training images; each epoch is the fit plus an evaluation on the 1,000
// held-out images, as for the site's trainer and ConvNetJS. Backend "wasm" (SIMD, one
// thread: this page is not cross-origin isolated) or "cpu" (plain JavaScript).
importScripts("tfjs/tf.min.js", "tfjs/tf-backend-wasm.min.js");

self.onmessage = async ({ data }) => {
  try {
    if (data.backend === "wasm") tf.wasm.setWasmPaths(new URL("tfjs/", self.location.href).href);
    await tf.setBackend(data.backend);
    await tf.ready();
    const images = (pixels, count) => tf.tensor2d(Float32Array.from(pixels, (p) => p / 255), [count, 784]);
    const xs = images(data.train_images, data.train_labels.length);
    const ys = tf.oneHot(tf.tensor1d(Int32Array.from(data.train_labels), "int32"), 10).toFloat();
    const test = images(data.test_images, data.test_labels.length);
    const model = tf.sequential({ layers: [
      tf.layers.dense({ inputShape: [784], units: 16, activation: "sigmoid" }),
      tf.layers.dense({ units: 16, activation: "sigmoid" }),
      tf.layers.dense({ units: 10, activation: "sigmoid" }),
    ] });
    const quadratic = (y, a) => tf.mul(0.5, tf.sum(tf.square(tf.sub(a, y)), -1));
    model.compile({ optimizer: tf.train.sgd(3.0), loss: quadratic });
    const times = [];
    let accuracy = 0;
    for (let epoch = 0; epoch < 3; epoch++) {
      const started = performance.now();
      await model.fit(xs, ys, { epochs: 1, batchSize: 10, shuffle: true, verbose: 0 });
      const guesses = tf.tidy(() => model.predict(test).argMax(-1).dataSync());
      let correct = 0;
      guesses.forEach((g, i) => { if (g === data.test_labels[i]) correct++; });
      accuracy = correct / data.test_labels.length;
      times.push((performance.now() - started) / 1000);
    }
    postMessage({ type: "done", backend: tf.getBackend(), version: tf.version.tfjs, times, accuracy });
  } catch (error) {
    postMessage({ type: "done", error: String(error && error.stack ? error.stack : error) });
  }
};
