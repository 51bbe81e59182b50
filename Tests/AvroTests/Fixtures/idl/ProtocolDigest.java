import java.io.File;
import org.apache.avro.Protocol;

/**
 * Prints, for each .avpr file named, the MD5 of the protocol (in hex), its compact text and its
 * pretty text with each line feed written as U+0001, tab-separated, as Java Avro makes them.
 */
public class ProtocolDigest {
  public static void main(String[] args) throws Exception {
    for (String path : args) {
      Protocol protocol = Protocol.parse(new File(path));
      StringBuilder hex = new StringBuilder();
      for (byte b : protocol.getMD5()) hex.append(String.format("%02x", b));
      System.out.println(hex + "\t" + protocol.toString() + "\t" + protocol.toString(true).replace('\n', '\u0001'));
    }
  }
}
