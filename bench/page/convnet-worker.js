// The peer: ConvNetJS 0.3.0 training the same network (784-16-16-10, sigmoid, quadratic
// cost through its regression layer, plain SGD, η = 3, mini-batch 10), one example at a
// time as ConvNetJS does, on the same data. Each epoch: 4,000 images + evaluation on 1,000.
self.window = self; // convnet.js attaches itself to window
importScripts("convnet.js");

self.onmessage = ({ data }) => {
  const toVols = (pixels, count) => {
    const vols = [];
    for (let i = 0; i < count; i++) {
      const v = new convnetjs.Vol(1, 1, 784, 0.0);
      for (let k = 0; k < 784; k++) v.w[k] = pixels[i * 784 + k] / 255;
      vols.push(v);
    }
    return vols;
  };
  const train = toVols(data.train_images, data.train_labels.length);
  const test = toVols(data.test_images, data.test_labels.length);
  // Layers built by hand: makeLayers would put an extra linear layer before "regression".
  const net = new convnetjs.Net();
  const shape = (depth) => ({ in_sx: 1, in_sy: 1, in_depth: depth });
  net.layers = [new convnetjs.InputLayer({ out_sx: 1, out_sy: 1, out_depth: 784 })];
  let depth = 784;
  for (const n of [16, 16, 10]) {
    net.layers.push(new convnetjs.FullyConnLayer({ ...shape(depth), num_neurons: n }));
    net.layers.push(new convnetjs.SigmoidLayer(shape(n)));
    depth = n;
  }
  net.layers.push(new convnetjs.RegressionLayer(shape(10)));
  const trainer = new convnetjs.Trainer(net, { method: "sgd", learning_rate: 3.0, batch_size: 10, l2_decay: 0, momentum: 0 });
  const times = [];
  let accuracy = 0;
  for (let epoch = 0; epoch < 3; epoch++) {
    const started = performance.now();
    const order = [...train.keys()].sort(() => Math.random() - 0.5);
    for (const i of order) {
      const target = new Array(10).fill(0);
      target[data.train_labels[i]] = 1;
      trainer.train(train[i], target);
    }
    let correct = 0;
    test.forEach((v, i) => {
      const out = net.forward(v).w;
      let best = 0;
      for (let d = 1; d < 10; d++) if (out[d] > out[best]) best = d;
      if (best === data.test_labels[i]) correct++;
    });
    accuracy = correct / test.length;
    times.push((performance.now() - started) / 1000);
  }
  postMessage({ type: "done", times, accuracy });
};
