package lab.mnist.train;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Numbers that do not exist in JSON: NaN and the infinities (no validation split, no test
 * evaluation) are written as {@code null}, not as Jackson's strings {@code "NaN"}, and read back as
 * NaN into primitive {@code double}s, so that a resumed run's figures are the ones it saved.
 */
final class NonFiniteNumbers {
    private NonFiniteNumbers() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("non-finite-as-null");
        module.addSerializer(Double.class, new Writer());
        module.addSerializer(Double.TYPE, new Writer());
        // Only primitive doubles read null as NaN: a boxed Double's null means absent and stays null.
        module.addDeserializer(Double.TYPE, new Reader());
        return module;
    }

    private static final class Writer extends StdSerializer<Double> {
        Writer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                out.writeNumber(value);
            } else {
                out.writeNull();
            }
        }
    }

    private static final class Reader extends StdDeserializer<Double> {
        Reader() {
            super(Double.class);
        }

        @Override
        public Double deserialize(JsonParser in, DeserializationContext context) throws IOException {
            if (in.currentToken().isNumeric()) {
                return in.getDoubleValue();
            }
            if (in.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                return Double.valueOf(in.getText()); // "NaN", "Infinity": what older files hold
            }
            return (Double) context.handleUnexpectedToken(Double.TYPE, in);
        }

        @Override
        public Double getNullValue(DeserializationContext context) {
            return Double.NaN;
        }
    }
}
