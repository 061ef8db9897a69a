package bench.minimal;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The one entity: a row of the service's own unit table (read only), so both applications answer from one database. */
@Entity
@Table(name = "unit")
public class Unit extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "serial_no")
    public String serialNo;

    @Column(name = "product_model")
    public String productModel;

    @Column(name = "product_line")
    public String productLine;
}
