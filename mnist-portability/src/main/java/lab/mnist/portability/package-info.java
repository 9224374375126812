/** What a plain DL4J application does with a model file of ours ({@link lab.mnist.portability.StockPredict}). */
package lab.mnist.portability;
