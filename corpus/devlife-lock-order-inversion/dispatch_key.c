// SPDX-License-Identifier: GPL-2.0
/*
 * A message core that dispatches through handler tables by a key field of
 * the entry: lod_invoke() calls the entry whose .type is the header's type.
 * lod_handle() calls it with the transaction lock held only for a response,
 * so only an entry registered with .type = LOD_RESPONSE can run under that
 * lock. The qmi shape: qmi_handle_message() calls qmi_invoke_handler()
 * under txn->lock only when hdr->type == QMI_RESPONSE, and the pdr and
 * pd-mapper tables hold indication and request handlers, which take the
 * locks the clients hold while they wait for a transaction.
 * The client's indication handler never runs under txn->lock; the stats
 * response handler does, and stats_lock is also held around txn->lock.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>

enum lod_msg_type {
	LOD_REQUEST = 0,
	LOD_RESPONSE = 2,
	LOD_INDICATION = 4,
};

struct lod_header {
	u8 type;
	u16 msg_id;
};

struct lod_core;

struct lod_handler {
	enum lod_msg_type type;
	unsigned int msg_id;
	void (*fn)(struct lod_core *core, const void *msg);
};

struct lod_txn {
	struct mutex lock;
	int result;
};

struct lod_core {
	struct lod_txn *txn;
	const struct lod_handler *handlers;
};

struct lod_client {
	struct lod_core core;
	struct mutex list_lock;
	int state;
};

struct lod_stats {
	struct lod_core core;
	struct mutex stats_lock;
	u32 responses;
};

// Silent: picks the entry of the message's type and id.
static void lod_invoke(struct lod_core *core, const void *buf)
{
	const struct lod_handler *handler;
	const struct lod_header *hdr = buf;

	for (handler = core->handlers; handler->fn; handler++) {
		if (handler->type == hdr->type && handler->msg_id == hdr->msg_id)
			break;
	}
	if (!handler->fn)
		return;
	handler->fn(core, buf);
}

// Bug: a response is dispatched under txn->lock, and the stats table has a response handler that takes stats_lock.
// Silent: the client's table holds an indication handler only, which never runs here.
static void lod_handle(struct lod_core *core, const void *buf)
{
	const struct lod_header *hdr;

	hdr = buf;
	if (hdr->type == LOD_RESPONSE) {
		struct lod_txn *txn = core->txn;

		mutex_lock(&txn->lock);
		lod_invoke(core, buf); // expect: devlife-lock-order-inversion
		mutex_unlock(&txn->lock);
	} else {
		lod_invoke(core, buf);
	}
}

void lod_receive(struct lod_core *core, const void *buf)
{
	lod_handle(core, buf);
}

// Silent: ends a transaction.
static int lod_txn_done(struct lod_txn *txn)
{
	int ret;

	mutex_lock(&txn->lock);
	ret = txn->result;
	mutex_unlock(&txn->lock);
	return ret;
}

// Silent: an indication handler, takes list_lock.
static void lod_client_ind(struct lod_core *core, const void *msg)
{
	struct lod_client *c = container_of(core, struct lod_client, core);

	mutex_lock(&c->list_lock);
	c->state++;
	mutex_unlock(&c->list_lock);
}

static const struct lod_handler lod_client_handlers[] = {
	{
		.type = LOD_INDICATION,
		.msg_id = 0x22,
		.fn = lod_client_ind,
	},
	{ },
};

// Silent: holds list_lock around txn->lock, which no indication handler reverses.
static int lod_client_update(struct lod_client *c)
{
	int ret;

	mutex_lock(&c->list_lock);
	ret = lod_txn_done(c->core.txn);
	c->state = ret;
	mutex_unlock(&c->list_lock);
	return ret;
}

void lod_client_init(struct lod_client *c)
{
	mutex_init(&c->list_lock);
	c->core.handlers = lod_client_handlers;
	lod_client_update(c);
}

// Silent: a response handler, takes stats_lock.
static void lod_stats_resp(struct lod_core *core, const void *msg)
{
	struct lod_stats *s = container_of(core, struct lod_stats, core);

	mutex_lock(&s->stats_lock);
	s->responses++;
	mutex_unlock(&s->stats_lock);
}

static const struct lod_handler lod_stats_handlers[] = {
	{
		.type = LOD_RESPONSE,
		.msg_id = 0x10,
		.fn = lod_stats_resp,
	},
	{ },
};

// Bug: stats_lock held around txn->lock: the reverse edge.
static int lod_stats_reset(struct lod_stats *s)
{
	int ret;

	mutex_lock(&s->stats_lock);
	ret = lod_txn_done(s->core.txn); // expect-also: devlife-lock-order-inversion
	s->responses = 0;
	mutex_unlock(&s->stats_lock);
	return ret;
}

void lod_stats_init(struct lod_stats *s)
{
	mutex_init(&s->stats_lock);
	s->core.handlers = lod_stats_handlers;
	lod_stats_reset(s);
}
