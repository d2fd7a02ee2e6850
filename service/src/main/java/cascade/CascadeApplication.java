package cascade;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CascadeApplication {
    public static void main(String[] args) {
        SpringApplication.run(CascadeApplication.class, args);
    }
}
