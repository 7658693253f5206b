// SPDX-License-Identifier: GPL-2.0
/*
 * A three-lock cycle with no inverted pair in it: bus -> adapter (direct),
 * adapter -> client (through a helper), client -> bus (through a helper).
 * Each lock is a field of a different struct type, so the classes are
 * struct loc_bus.lock, struct loc_adapter.lock and struct loc_client.lock.
 * Reported once, on the edge site that comes first; the two others point
 * to it.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/mutex.h>

struct loc_bus {
	struct mutex lock;
	u32 nr_adapters;
	bool rescan;
};

struct loc_adapter {
	struct mutex lock;
	struct loc_bus *bus;
	u32 nr_clients;
};

struct loc_client {
	struct mutex lock;
	struct loc_adapter *adap;
	bool bound;
};

// Bug: bus lock then adapter lock (first edge of the cycle).
static void loc_bus_add_adapter(struct loc_bus *bus, struct loc_adapter *adap)
{
	mutex_lock(&bus->lock);
	bus->nr_adapters++;
	mutex_lock(&adap->lock); // expect: devlife-lock-order-inversion
	adap->bus = bus;
	mutex_unlock(&adap->lock);
	mutex_unlock(&bus->lock);
}

// Silent: helper, takes the client lock.
static void loc_client_bind(struct loc_client *client)
{
	mutex_lock(&client->lock);
	client->bound = true;
	mutex_unlock(&client->lock);
}

// Bug: adapter lock, then the client lock through loc_client_bind() (second edge).
static void loc_adapter_attach(struct loc_adapter *adap, struct loc_client *client)
{
	mutex_lock(&adap->lock);
	adap->nr_clients++;
	client->adap = adap;
	loc_client_bind(client); // expect-also: devlife-lock-order-inversion
	mutex_unlock(&adap->lock);
}

// Silent: helper, takes the bus lock.
static void loc_bus_request_rescan(struct loc_bus *bus)
{
	mutex_lock(&bus->lock);
	bus->rescan = true;
	mutex_unlock(&bus->lock);
}

// Bug: client lock, then the bus lock through loc_bus_request_rescan() (closes the cycle).
static void loc_client_remove(struct loc_client *client)
{
	mutex_lock(&client->lock);
	client->bound = false;
	loc_bus_request_rescan(client->adap->bus); // expect-also: devlife-lock-order-inversion
	mutex_unlock(&client->lock);
}

// Silent: the bus lock alone, then the adapter lock after it is dropped: no edge.
static void loc_bus_count(struct loc_bus *bus, struct loc_adapter *adap)
{
	u32 n;

	mutex_lock(&bus->lock);
	n = bus->nr_adapters;
	mutex_unlock(&bus->lock);

	mutex_lock(&adap->lock);
	adap->nr_clients = n;
	mutex_unlock(&adap->lock);
}
