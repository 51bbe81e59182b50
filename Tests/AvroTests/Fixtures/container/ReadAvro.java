// Reads Avro container files with Java Avro (Debian's libavro-java) for the Swift interop
// test Tests/AvroTests/Container/PeerImplementationInteropTests.swift, which compiles it.
//
// Usage: java -cp CLASSPATH ReadAvro PATH...
//
// For each PATH, prints to standard output, in UTF-8:
//   # file PATH
//   one line per record: its Avro JSON encoding (Java's JsonEncoder with the file's schema)
//   # end COUNT               when every record was read
//   # error CLASS: MESSAGE    when opening or reading failed (on one line)
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;

public final class ReadAvro {
    public static void main(String[] paths) throws IOException {
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        for (String path : paths) {
            line(out, "# file " + path);
            try (DataFileReader<GenericRecord> reader =
                     new DataFileReader<>(new File(path), new GenericDatumReader<GenericRecord>())) {
                Schema schema = reader.getSchema();
                GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema);
                long count = 0;
                for (GenericRecord record : reader) {
                    JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out);
                    writer.write(record, encoder);
                    encoder.flush();
                    out.write('\n');
                    count += 1;
                }
                line(out, "# end " + count);
            } catch (Exception error) {
                String message = String.valueOf(error.getMessage()).replace('\n', ' ');
                line(out, "# error " + error.getClass().getName() + ": " + message);
            }
        }
        out.flush();
    }

    private static void line(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }
}
