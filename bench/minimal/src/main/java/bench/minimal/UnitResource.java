package bench.minimal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The one endpoint: a unit by serial number, one query through Panache, the entity serialised by Jackson. */
@Path("/units/{serial}")
public class UnitResource {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Unit get(@PathParam("serial") String serial) {
        Unit unit = Unit.find("serialNo", serial).firstResult();
        if (unit == null) {
            throw new NotFoundException();
        }
        return unit;
    }
}
