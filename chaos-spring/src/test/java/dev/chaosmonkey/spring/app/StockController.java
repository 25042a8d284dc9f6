package dev.chaosmonkey.spring.app;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The order service's HTTP API: what an experiment's probe calls. */
@RestController
public class StockController {
    private final InventoryClient inventory;

    public StockController(InventoryClient inventory) {
        this.inventory = inventory;
    }

    @GetMapping("/stock/{sku}")
    public String stock(@PathVariable("sku") String sku) {
        return inventory.stock(sku);
    }
}
