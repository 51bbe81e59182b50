// Reads what swift-avro wrote with Java Avro (Debian's libavro-java) and writes it back, for
// the Swift test Tests/AvroTests/AppModels/AppModelGalleryTests.swift, which compiles it.
//
// Usage: java -cp CLASSPATH EchoAvro DIRECTORY
//
// For every NAME.avsc in DIRECTORY (sorted by name): reads each NAME.N.bin with a
// GenericDatumReader and writes the value back with a GenericDatumWriter to
// NAME.N.java.bin; reads every record of the container file NAME.avro and writes them back
// (deflate) to NAME.java.avro. Prints "NAME<TAB>ok RECORDS" or "NAME<TAB>ERROR: reason".
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

public final class EchoAvro {
    public static void main(String[] arguments) throws Exception {
        File directory = new File(arguments[0]);
        File[] schemas = directory.listFiles((dir, name) -> name.endsWith(".avsc"));
        Arrays.sort(schemas);
        for (File schemaFile : schemas) {
            String name = schemaFile.getName().substring(0, schemaFile.getName().length() - 5);
            try {
                System.out.println(name + "\tok " + echo(directory, name, new Schema.Parser().parse(schemaFile)));
            } catch (Exception error) {
                System.out.println(name + "\tERROR: " + error.getClass().getName() + ": " + String.valueOf(error.getMessage()).replace('\n', ' '));
            }
        }
    }

    private static long echo(File directory, String name, Schema schema) throws Exception {
        GenericDatumReader<Object> reader = new GenericDatumReader<>(schema);
        GenericDatumWriter<Object> writer = new GenericDatumWriter<>(schema);
        for (int index = 0; ; index++) {
            File datum = new File(directory, name + "." + index + ".bin");
            if (!datum.exists()) break;
            byte[] bytes = Files.readAllBytes(datum.toPath());
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
            Object value = reader.read(null, decoder);
            if (!decoder.isEnd()) throw new IllegalStateException("datum " + index + ": bytes left after the value");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(value, encoder);
            encoder.flush();
            Files.write(new File(directory, name + "." + index + ".java.bin").toPath(), out.toByteArray());
        }
        List<Object> records = new ArrayList<>();
        try (DataFileReader<Object> file = new DataFileReader<>(new File(directory, name + ".avro"), new GenericDatumReader<Object>())) {
            for (Object record : file) records.add(record);
        }
        try (DataFileWriter<Object> file = new DataFileWriter<>(new GenericDatumWriter<Object>(schema))) {
            file.setCodec(CodecFactory.deflateCodec(6));
            file.create(schema, new File(directory, name + ".java.avro"));
            for (Object record : records) file.append(record);
        }
        return records.size();
    }
}
