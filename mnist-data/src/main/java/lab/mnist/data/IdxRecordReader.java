package lab.mnist.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DataVec {@code RecordReader} over a pair of IDX files (images and labels). Each record is
 * {@code [NDArrayWritable(image as float [1, 1, rows, cols], values 0..255), IntWritable(label)]},
 * the shape DL4J's {@code RecordReaderDataSetIterator} turns into CNN features and one-hot labels.
 *
 * <p>It reads parsed files ({@link Idx.Images}, {@link Idx.Labels}), or, when initialised with an
 * {@link InputSplit}, the two locations it lists (images first, then labels).
 *
 * <p>{@link #next(int)} hands out a whole batch as one record whose arrays have the batch as
 * their first dimension, so that a batch costs one native array instead of one per image.
 */
public class IdxRecordReader extends BaseRecordReader {
    private static final long serialVersionUID = 1L;

    private Idx.Images images;
    private Idx.Labels labels;
    private int cursor;

    /** An uninitialised reader: call {@link #initialize(InputSplit)} with the two files. */
    public IdxRecordReader() {
    }

    public IdxRecordReader(Idx.Images images, Idx.Labels labels) {
        Idx.checkPair(images, labels);
        this.images = images;
        this.labels = labels;
    }

    @Override
    public void initialize(InputSplit split) {
        URI[] locations = split.locations();
        if (locations.length != 2) {
            throw new MnistDataException("an IDX record reader needs exactly two files (images, labels), got "
                    + locations.length);
        }
        Path imageFile = Path.of(locations[0]);
        Path labelFile = Path.of(locations[1]);
        Idx.Images im = Idx.parseImages(Idx.readBytes(imageFile), imageFile.toString());
        Idx.Labels lb = Idx.parseLabels(Idx.readBytes(labelFile), labelFile.toString());
        Idx.checkPair(im, lb);
        this.images = im;
        this.labels = lb;
        this.cursor = 0;
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) {
        initialize(split);
    }

    public int numExamples() {
        return images.count();
    }

    @Override
    public boolean batchesSupported() {
        return true;
    }

    /**
     * Up to {@code num} examples as a single record: features {@code [n, 1, rows, cols]} and labels
     * {@code [n, 1]} (class indices), so the caller builds the batch from two arrays.
     */
    @Override
    public List<List<Writable>> next(int num) {
        int n = Math.min(num, images.count() - cursor);
        if (n <= 0) {
            throw new java.util.NoSuchElementException("no more IDX records");
        }
        List<List<Writable>> batch = new ArrayList<>(1);
        batch.add(List.of(new NDArrayWritable(features(cursor, n)), new NDArrayWritable(labelColumn(cursor, n))));
        cursor += n;
        return batch;
    }

    @Override
    public List<Writable> next() {
        int i = cursor++;
        return List.of(new NDArrayWritable(features(i, 1)), new IntWritable(labels.label(i)));
    }

    /** Images {@code [from, from + n)} as a float array {@code [n, 1, rows, cols]} of grey values 0..255. */
    public INDArray features(int from, int n) {
        int per = images.pixelsPerImage();
        byte[] pixels = images.pixels();
        float[] values = new float[n * per];
        for (int k = 0, p = from * per; k < values.length; k++, p++) {
            values[k] = pixels[p] & 0xFF;
        }
        return Nd4j.create(values, new long[] {n, 1, images.rows(), images.cols()}, DataType.FLOAT);
    }

    private INDArray labelColumn(int from, int n) {
        float[] values = new float[n];
        for (int k = 0; k < n; k++) {
            values[k] = labels.label(from + k);
        }
        return Nd4j.create(values, new long[] {n, 1}, DataType.FLOAT);
    }

    @Override
    public boolean hasNext() {
        return images != null && cursor < images.count();
    }

    @Override
    public List<String> getLabels() {
        return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) throws IOException {
        throw new UnsupportedOperationException("IDX records are read from a pair of files, not from a stream");
    }

    @Override
    public Record nextRecord() {
        int i = cursor;
        List<Writable> record = next();
        return new org.datavec.api.records.impl.Record(record, new RecordMetaDataIndex(i, null, IdxRecordReader.class));
    }

    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) {
        int i = (int) ((RecordMetaDataIndex) recordMetaData).getIndex();
        return new org.datavec.api.records.impl.Record(
                List.of(new NDArrayWritable(features(i, 1)), new IntWritable(labels.label(i))), recordMetaData);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) {
        List<Record> out = new ArrayList<>(recordMetaDatas.size());
        for (RecordMetaData m : recordMetaDatas) {
            out.add(loadFromMetaData(m));
        }
        return out;
    }

    @Override
    public void close() {
        // nothing to release: the files were read whole
    }

    @Override
    public void setConf(Configuration conf) {
        // no options
    }

    @Override
    public Configuration getConf() {
        return new Configuration();
    }
}
