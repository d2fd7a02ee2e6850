package cascade;

import cascade.cli.CommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the service, or runs a command-line verb without Spring when one is given. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CascadeApplication {

    public static void main(String[] args) {
        if (CommandLine.handles(args)) {
            System.exit(CommandLine.execute(args, System.out, System.err));
        }
        SpringApplication.run(CascadeApplication.class, args);
    }
}
